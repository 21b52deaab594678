package io.switchboard.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.cli.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportViewTest {
    private static final String EMPTY = "{\"SUCCEEDED\":0,\"CODING_FAILURE\":0,\"PLATFORM_FAILURE\":0,\"TIMEOUT\":0,\"UNKNOWN\":0}";
    private static final String NONE = "{\"count\":0,\"p50\":null,\"p95\":null,\"p99\":null,\"max\":null}";
    private static final ReportView VIEW = new ReportView(Json.parse("""
            {"functionId":"f1","range":"1h","bucketSeconds":60,"from":"2026-06-01T11:08:00Z","to":"2026-06-01T11:11:00Z",
             "totals":{"SUCCEEDED":12,"CODING_FAILURE":1,"PLATFORM_FAILURE":2,"TIMEOUT":3,"UNKNOWN":4},
             "durations":{"count":22,"p50":10,"p95":143,"p99":200,"max":250},
             "buckets":[
              {"start":"2026-06-01T11:08:00Z","counts":%s,"durations":%s},
              {"start":"2026-06-01T11:09:00Z","counts":{"SUCCEEDED":12,"CODING_FAILURE":1,"PLATFORM_FAILURE":2,"TIMEOUT":3,"UNKNOWN":4},
               "durations":{"count":22,"p50":10,"p95":143,"p99":200,"max":250}},
              {"start":"2026-06-01T11:10:00Z","counts":%s,"durations":%s}]}
            """.formatted(EMPTY, NONE, EMPTY, NONE)));

    @Test
    void theTableShowsBusyBucketsAndTheTotalPerLivePersonState() {
        List<String> busy = List.of("2026-06-01T11:09:00Z", "22", "12", "1", "3", "2", "4", "10", "143", "200", "250");
        assertThat(VIEW.busyBucketsAndTotal()).containsExactly(busy,
                List.of("TOTAL", "22", "12", "1", "3", "2", "4", "10", "143", "200", "250"));
    }

    @Test
    void theCsvHasEveryBucketAndEmptyPercentilesWithoutInvocations() {
        assertThat(VIEW.csv()).containsExactly(
                "start,invocations,succeeded,coding_failure,timeout,platform_failure,unknown,p50_ms,p95_ms,p99_ms,max_ms",
                "2026-06-01T11:08:00Z,0,0,0,0,0,0,,,,",
                "2026-06-01T11:09:00Z,22,12,1,3,2,4,10,143,200,250",
                "2026-06-01T11:10:00Z,0,0,0,0,0,0,,,,");
    }
}
