/**
 * The event-type folder format: what an event-source bundle ships under the folder its
 * {@value io.switchboard.eventtypes.api.EventTypeFolders#HEADER} header names, and how to read it (the extender reads it
 * into the catalogue; route builders read it to serve each type's webhook).
 */
@Export
@Version("1.0.0")
package io.switchboard.eventtypes.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
