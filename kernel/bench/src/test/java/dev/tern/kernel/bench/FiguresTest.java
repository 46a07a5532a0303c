package dev.tern.kernel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FiguresTest {

    @Test
    void percentileUsesNearestRank() {
        long[] sortedNanos = new long[100];
        for (int i = 0; i < sortedNanos.length; i++) {
            sortedNanos[i] = (i + 1) * 1000L;
        }

        assertThat(Figures.percentileMicros(sortedNanos, 50)).isEqualTo(50.0);
        assertThat(Figures.percentileMicros(sortedNanos, 99)).isEqualTo(99.0);
        assertThat(Figures.percentileMicros(sortedNanos, 100)).isEqualTo(100.0);
    }

    @Test
    void percentileOfOneSampleIsThatSample() {
        assertThat(Figures.percentileMicros(new long[] {2500}, 1)).isEqualTo(2.5);
        assertThat(Figures.percentileMicros(new long[] {2500}, 99)).isEqualTo(2.5);
    }

    @Test
    void rateIsEventsPerSecond() {
        assertThat(Figures.rate(10, 2_000_000_000L)).isEqualTo(5);
        assertThat(Figures.rate(3, 2_000_000_000L)).isEqualTo(2);
    }
}
