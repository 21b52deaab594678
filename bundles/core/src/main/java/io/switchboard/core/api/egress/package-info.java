/** Where functions may connect: the one check of outbound addresses, used when a function is saved and when it connects. */
@Export
@Version("1.0.0")
package io.switchboard.core.api.egress;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
