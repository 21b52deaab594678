/** Who is calling: API keys of accounts and the admin key. */
@Export
@Version("1.1.0")
package io.switchboard.core.api.security;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
