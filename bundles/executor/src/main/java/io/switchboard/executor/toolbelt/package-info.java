/**
 * The toolbelt extension point: a bundle registers a {@link io.switchboard.executor.toolbelt.ToolbeltModule}
 * service and functions reach it as {@code require('lp-faas-toolbelt').<Name>()}.
 */
@Export
@Version("1.2.0")
package io.switchboard.executor.toolbelt;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
