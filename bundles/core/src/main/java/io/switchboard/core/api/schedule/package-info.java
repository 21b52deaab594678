/** Schedules: functions invoked on a cron expression, as LivePerson's "Schedule an Invocation" does. */
@Export
@Version("1.0.0")
package io.switchboard.core.api.schedule;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
