package io.orchestration.cost.service;

import io.orchestration.common.problem.ProblemException;
import io.orchestration.cost.config.CostConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Map;
import java.util.TreeMap;

/** The configured exchange rates: every report is in one currency, converted from each charge's own. */
@ApplicationScoped
public class Currencies {

    private static final MathContext PRECISION = MathContext.DECIMAL64;

    private final String base;
    private final Map<String, BigDecimal> rates;

    public Currencies(CostConfig config) {
        this.base = config.currency().base();
        this.rates = new TreeMap<>(config.currency().rates());
        this.rates.putIfAbsent(base, BigDecimal.ONE);
    }

    public String base() {
        return base;
    }

    public boolean isKnown(String currency) {
        return currency != null && rates.containsKey(currency);
    }

    /** The currency a report asked for (the base when none), or a 400 naming the known ones. */
    public String reportCurrency(String requested) {
        if (requested == null || requested.isBlank()) {
            return base;
        }
        String currency = requested.trim().toUpperCase(java.util.Locale.ROOT);
        if (!isKnown(currency)) {
            throw new ProblemException.InvalidInput(unknown("Query parameter 'currency'", requested));
        }
        return currency;
    }

    public String unknown(String what, String currency) {
        return what + " '" + currency + "' has no configured exchange rate; known: " + String.join(", ", rates.keySet());
    }

    /** {@code amount} of {@code from} in {@code to}, unrounded. */
    public BigDecimal convert(BigDecimal amount, String from, String to) {
        if (from.equals(to)) {
            return amount;
        }
        return amount.multiply(rateOf(from), PRECISION).divide(rateOf(to), PRECISION);
    }

    /** Rounded to cents for display. */
    public static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_EVEN);
    }

    private BigDecimal rateOf(String currency) {
        BigDecimal rate = rates.get(currency);
        if (rate == null) {
            throw new ProblemException.InvalidInput(unknown("Currency", currency));
        }
        return rate;
    }
}
