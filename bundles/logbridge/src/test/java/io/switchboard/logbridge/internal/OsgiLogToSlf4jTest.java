package io.switchboard.logbridge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.service.log.LogReaderService;

class OsgiLogToSlf4jTest {

    @Test
    void registersItselfWithTheLogReaderAndRemovesItselfOnStop() {
        LogReaderService reader = mock(LogReaderService.class);

        var bridge = new OsgiLogToSlf4j(reader);
        bridge.stop();

        verify(reader).addLogListener(bridge);
        verify(reader).removeLogListener(bridge);
    }

    @Test
    void namesLoggersAfterTheBundleThatLogged() {
        Bundle bundle = mock(Bundle.class);
        when(bundle.getSymbolicName()).thenReturn("org.apache.felix.scr");

        assertThat(OsgiLogToSlf4j.loggerName(bundle)).isEqualTo("osgi.org.apache.felix.scr");
        assertThat(OsgiLogToSlf4j.loggerName(null)).isEqualTo("osgi");
    }
}
