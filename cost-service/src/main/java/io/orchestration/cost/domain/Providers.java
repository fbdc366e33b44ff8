package io.orchestration.cost.domain;

import java.util.Locale;
import java.util.Map;

/** The portal's provider ids (azure, aws, gcp, ibm, oci, onprem) for the names billing exports use. */
public final class Providers {

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("microsoft", "azure"), Map.entry("microsoft azure", "azure"), Map.entry("azure", "azure"),
            Map.entry("aws", "aws"), Map.entry("amazon web services", "aws"), Map.entry("amazon", "aws"),
            Map.entry("google cloud", "gcp"), Map.entry("google", "gcp"), Map.entry("gcp", "gcp"),
            Map.entry("google cloud platform", "gcp"),
            Map.entry("ibm", "ibm"), Map.entry("ibm cloud", "ibm"),
            Map.entry("oracle", "oci"), Map.entry("oracle cloud infrastructure", "oci"), Map.entry("oci", "oci"),
            Map.entry("onprem", "onprem"), Map.entry("on-premises", "onprem"));

    private Providers() {
    }

    /** The id of a provider name, or the name in lower case when it is none of the known ones. */
    public static String idOf(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        return ALIASES.getOrDefault(key, key);
    }
}
