// Who a key is: the admin (may act on every account) or one account's key. Told by the API itself.
import { ApiError, get } from './api.js';

/**
 * Checks a key and finds its role: {admin, accounts}. `accounts` lists the accounts when the API can list them
 * (GET /accounts, admin only), else null.
 */
export async function whoIs(key) {
  await get('/event-types', { key });
  try {
    const listed = await get('/accounts?page=0&size=100', { key });
    return { admin: true, accounts: listed.items.map((a) => a.account) };
  } catch (error) {
    if (!(error instanceof ApiError) || (error.status !== 403 && error.status !== 404)) {
      throw error;
    }
    if (error.status === 403) {
      return { admin: false, accounts: null };
    }
  }
  // No account listing in this API: the admin key is the one that sees an account no key of an account can own.
  const probe = '~console-probe-' + Math.random().toString(36).slice(2);
  try {
    await get(`/accounts/${encodeURIComponent(probe)}/functions?page=0&size=1`, { key });
    return { admin: true, accounts: null };
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 400)) {
      return { admin: false, accounts: null };
    }
    throw error;
  }
}

/** Whether the key may act on the account (an account key sees only its own; others answer 404). */
export async function mayUse(key, account) {
  try {
    await get(`/accounts/${encodeURIComponent(account)}/functions?page=0&size=1`, { key });
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      return false;
    }
    throw error;
  }
}
