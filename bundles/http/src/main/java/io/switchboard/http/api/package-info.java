/** Reading request bodies within the platform's limits: what the platform's servlets use instead of reading the stream themselves. */
@Export
@Version("1.0.0")
package io.switchboard.http.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
