/**
 * W3C Trace Context: the {@code traceparent} a caller sends, parsed, and the context of a run made from it.
 */
@Export
@Version("1.0.0")
package io.switchboard.core.api.trace;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
