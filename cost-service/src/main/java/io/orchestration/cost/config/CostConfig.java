package io.orchestration.cost.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.math.BigDecimal;
import java.util.Map;

@ConfigMapping(prefix = "cost")
public interface CostConfig {

    CurrencyConfig currency();

    ImportConfig imports();

    AnomalyConfig anomaly();

    DemoConfig demo();

    /** The currency reports use unless asked for another, and what one unit of each currency is worth in it. */
    interface CurrencyConfig {

        @WithDefault("USD")
        String base();

        /** Value of one unit of each currency in the base currency, e.g. EUR=1.08; the base itself is 1. */
        Map<String, BigDecimal> rates();
    }

    interface ImportConfig {

        /** The FOCUS tag whose value names a row's environment. */
        @WithDefault("environment")
        String environmentTag();

        /** Largest file accepted, counted on the bytes received and again after gzip is undone. */
        MemorySize maxSize();

        /** Rows sent to PostgreSQL per COPY chunk. */
        @WithDefault("5000")
        int batchRows();

        /** Line errors kept in a report; the count goes on past it. */
        @WithDefault("1000")
        int maxReportedErrors();
    }

    /** A day is anomalous when it is above both mean + factor x stddev and mean x (1 + minIncrease) of the trailing days. */
    interface AnomalyConfig {

        @WithDefault("30")
        int trailingDays();

        @WithDefault("7")
        int minHistoryDays();

        @WithDefault("3")
        double factor();

        @WithDefault("0.5")
        double minIncrease();
    }

    interface DemoConfig {

        /** Seeds 30 days of costs labelled source demo when the cost table is empty. */
        @WithDefault("false")
        boolean enabled();
    }
}
