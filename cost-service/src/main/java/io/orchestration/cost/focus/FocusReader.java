package io.orchestration.cost.focus;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.orchestration.cost.domain.Period;
import io.orchestration.cost.domain.Providers;
import io.orchestration.cost.domain.ResourceType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Reads a FOCUS 1.x CSV file row by row (nothing but the current row is held), checks each row and
 * hands on either a {@link Charge} or a {@link LineError} with the row's line number.
 */
public final class FocusReader {

    /** Columns a file must have; the others are optional (absent or empty means unknown). */
    public static final List<String> REQUIRED = List.of("BilledCost", "BillingCurrency", "ChargePeriodStart", "ChargePeriodEnd", "ProviderName");
    public static final List<String> OPTIONAL = List.of("ServiceCategory", "ResourceId", "ResourceType", "RegionId", "Tags");

    private static final CsvFactory CSV = CsvFactory.builder().enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .enable(CsvParser.Feature.TRIM_SPACES).build();
    private static final int MAX_FIELD = 4000;

    private static final int CACHE_ENTRIES = 4096;

    private final ObjectMapper json;
    private final Predicate<String> knownCurrency;
    private final EnvironmentMatcher environments;
    /** Billing exports repeat the same tags and period bounds on many rows: each distinct text is parsed once. */
    private final Map<String, Map<String, String>> parsedTags = new HashMap<>();
    private final Map<String, OffsetDateTime> parsedTimes = new HashMap<>();

    public FocusReader(ObjectMapper json, Predicate<String> knownCurrency, EnvironmentMatcher environments) {
        this.json = json;
        this.knownCurrency = knownCurrency;
        this.environments = environments;
    }

    /**
     * Reads all of {@code in}. A header without the required columns, or text that is not CSV, fails
     * with {@link InvalidFocusFile}; a row with bad values goes to {@code rejected} and reading goes on.
     *
     * @return the number of data rows read
     */
    public long read(InputStream in, Consumer<Charge> accepted, Consumer<LineError> rejected) throws IOException {
        long rows = 0;
        try (JsonParser parser = CSV.createParser(withoutByteOrderMark(in))) {
            Map<String, Integer> columns = header(parser);
            while (parser.nextToken() == JsonToken.START_ARRAY) {
                long[] line = new long[1];
                List<String> fields = fields(parser, line);
                rows++;
                String problem = fields.size() == columns.size() ? null
                        : "has " + fields.size() + " fields; the header has " + columns.size();
                if (problem != null) {
                    rejected.accept(new LineError(line[0], problem));
                    continue;
                }
                try {
                    accepted.accept(charge(new Row(columns, fields)));
                } catch (BadValue bad) {
                    rejected.accept(new LineError(line[0], bad.getMessage()));
                }
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new InvalidFocusFile("Not readable as CSV: " + e.getOriginalMessage(), at == null ? 0 : at.getLineNr());
        }
        return rows;
    }

    private static Reader withoutByteOrderMark(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 64 * 1024);
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }

    private static final int MIN_YEAR = 1900;
    private static final int MAX_YEAR = 9999;

    private static Map<String, Integer> header(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_ARRAY) {
            throw new InvalidFocusFile("The file is empty: a FOCUS file starts with a header row naming its columns", 1);
        }
        List<String> names = fields(parser, new long[1]);
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            if (columns.put(names.get(i), i) != null) {
                throw new InvalidFocusFile("The header names the column " + names.get(i) + " twice", 1);
            }
        }
        List<String> missing = REQUIRED.stream().filter(name -> !columns.containsKey(name)).toList();
        if (!missing.isEmpty()) {
            throw new InvalidFocusFile("The header lacks the FOCUS column(s) " + String.join(", ", missing)
                    + " (required: " + String.join(", ", REQUIRED) + ")", 1);
        }
        return columns;
    }

    /** The fields of the row just opened; {@code line[0]} gets the line it starts on. */
    private static List<String> fields(JsonParser parser, long[] line) throws IOException {
        List<String> fields = new ArrayList<>();
        while (parser.nextToken() == JsonToken.VALUE_STRING) {
            if (fields.isEmpty()) {
                line[0] = parser.currentTokenLocation().getLineNr();
            }
            fields.add(parser.getText());
        }
        return fields;
    }

    private Charge charge(Row row) {
        BigDecimal amount = number(row, "BilledCost");
        String currency = row.required("BillingCurrency");
        if (!knownCurrency.test(currency)) {
            throw new BadValue("BillingCurrency '" + currency + "' has no configured exchange rate");
        }
        OffsetDateTime start = time(row, "ChargePeriodStart");
        OffsetDateTime end = time(row, "ChargePeriodEnd");
        if (!end.isAfter(start)) {
            throw new BadValue("ChargePeriodEnd " + end + " is not after ChargePeriodStart " + start);
        }
        String provider = Providers.idOf(row.required("ProviderName"));
        String category = row.optional("ServiceCategory");
        String resourceId = row.optional("ResourceId");
        String region = row.optional("RegionId");
        String environment = environments.environmentOf(tags(row), resourceId);
        return new Charge(environment, provider, ResourceType.ofServiceCategory(category), category, resourceId,
                region == null ? null : region.toLowerCase(Locale.ROOT), Period.covering(start, end), start, end,
                start.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate(), amount, currency);
    }

    private static BigDecimal number(Row row, String column) {
        String text = row.required(column);
        try {
            BigDecimal value = new BigDecimal(text);
            if (value.abs().compareTo(new BigDecimal("1e13")) >= 0) {
                throw new BadValue(column + " '" + text + "' is out of range");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new BadValue(column + " '" + text + "' is not a number");
        }
    }

    private OffsetDateTime time(Row row, String column) {
        String text = row.required(column);
        OffsetDateTime known = parsedTimes.get(text);
        if (known != null) {
            return known;
        }
        OffsetDateTime time = parseTime(column, text);
        remember(parsedTimes, text, time);
        return time;
    }

    private static OffsetDateTime parseTime(String column, String text) {
        OffsetDateTime time;
        try {
            time = OffsetDateTime.parse(text);
        } catch (DateTimeParseException notOffset) {
            try {
                time = LocalDateTime.parse(text.length() == 10 ? text + "T00:00:00" : text.replace(' ', 'T')).atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                throw new BadValue(column + " '" + text + "' is not an ISO 8601 date-time such as 2024-01-01T00:00:00Z");
            }
        }
        // A billing period lies in years a calendar in UTC can hold (the fuzzer found +999999999-12-31T23:59-18:00).
        if (time.getYear() < MIN_YEAR || time.getYear() > MAX_YEAR) {
            throw new BadValue(column + " '" + text + "' is out of range (years " + MIN_YEAR + " to " + MAX_YEAR + ")");
        }
        return time;
    }

    private Map<String, String> tags(Row row) {
        String text = row.optional("Tags");
        if (text == null) {
            return Map.of();
        }
        Map<String, String> known = parsedTags.get(text);
        if (known != null) {
            return known;
        }
        Map<String, String> tags = parseTags(text);
        remember(parsedTags, text, tags);
        return tags;
    }

    private static <V> void remember(Map<String, V> cache, String text, V value) {
        if (cache.size() >= CACHE_ENTRIES) {
            cache.clear();
        }
        cache.put(text, value);
    }

    private Map<String, String> parseTags(String text) {
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (IOException e) {
            throw new BadValue("Tags is not a JSON object: " + text);
        }
        if (!node.isObject()) {
            throw new BadValue("Tags is not a JSON object: " + text);
        }
        Map<String, String> tags = new HashMap<>();
        node.fields().forEachRemaining(entry -> tags.put(entry.getKey(), entry.getValue().asText()));
        return Map.copyOf(tags);
    }

    /** One row's fields by column name. */
    private record Row(Map<String, Integer> columns, List<String> fields) {

        String required(String column) {
            String value = optional(column);
            if (value == null) {
                throw new BadValue(column + " is empty");
            }
            return value;
        }

        String optional(String column) {
            Integer index = columns.get(column);
            if (index == null) {
                return null;
            }
            String value = fields.get(index);
            if (value.length() > MAX_FIELD) {
                throw new BadValue(column + " is longer than " + MAX_FIELD + " characters");
            }
            return value.isEmpty() ? null : value;
        }
    }

    /** A value a row cannot be imported with. */
    private static final class BadValue extends RuntimeException {
        BadValue(String reason) {
            super(reason, null, false, false);
        }
    }
}
