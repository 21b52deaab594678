/** The executor service: the core hands a function and its input to whichever executor is registered. */
@Export
@Version("1.5.0")
package io.switchboard.core.api.execution;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
