/** Writing text that tenants control (function errors, results, names) into the server log safely. */
@Export
@Version("1.0.0")
package io.switchboard.core.api.log;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
