/** Third-Party Bots of an account: which function a bot runs for each of its events (issue 11). */
@Export
@Version("1.0.0")
package io.switchboard.core.api.bot;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
