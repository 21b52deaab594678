/** Function templates: the live catalogue of templates contributed by bundles and by the operators' folder. */
@Export
@Version("1.1.0")
package io.switchboard.templates.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
