/** Managing functions: lifecycle, versions, deployment under limits, invocation records, secrets. */
@Export
@Version("1.5.0")
package io.switchboard.core.api.function;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
