/**
 * Reading request bodies within the platform's limits: what the platform's servlets use instead of reading the stream
 * themselves; since 1.1, holding answers (refusals for now) without a thread.
 */
@Export
@Version("1.1.0")
package io.switchboard.http.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
