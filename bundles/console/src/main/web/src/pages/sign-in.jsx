import { useState } from 'preact/hooks';
import { signIn, signOutReason } from '../session.js';
import { mayUse, whoIs } from '../roles.js';
import { Button, ProblemView, useAction } from '../ui.jsx';

/** Sign in with an API key (admin or account key); the key stays in this tab's session only. */
export function SignInPage() {
  const [key, setKey] = useState('');
  const [account, setAccount] = useState('');
  const [adminChoice, setAdminChoice] = useState(null);
  const [run, busy, error] = useAction(async (event) => {
    event && event.preventDefault();
    const role = adminChoice || (await whoIs(key.trim()));
    const wanted = account.trim();
    if (role.admin && !wanted) {
      setAdminChoice(role);
      return;
    }
    if (!wanted) {
      throw new Error('An account key belongs to one account: type its name.');
    }
    if (!(await mayUse(key.trim(), wanted))) {
      throw new Error(`This key cannot act on account '${wanted}'. An account key sees only its own account.`);
    }
    signIn({ key: key.trim(), account: wanted, admin: role.admin, accounts: role.accounts });
  });
  return (
    <main class="sign-in">
      <form onSubmit={run} class="card" aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Switchboard</h1>
        <p class="muted">Sign in with an API key: the admin key or an account's key. It is kept in this browser tab only.</p>
        {signOutReason && !error && <p class="notice" role="status">Signed out: {signOutReason}</p>}
        <label>API key
          <input type="password" name="key" autocomplete="off" required value={key} onInput={(e) => { setKey(e.target.value); setAdminChoice(null); }} autofocus />
        </label>
        {adminChoice && adminChoice.accounts && adminChoice.accounts.length > 0 ? (
          <label>Account (admin key: pick one)
            <select name="account" value={account} onChange={(e) => setAccount(e.target.value)} required>
              <option value="">Choose…</option>
              {adminChoice.accounts.map((a) => <option value={a}>{a}</option>)}
            </select>
            <input aria-label="Another account" placeholder="or type another account" value={account} onInput={(e) => setAccount(e.target.value)} />
          </label>
        ) : (
          <label>Account{adminChoice ? ' (admin key: type the account to work on)' : ''}
            <input name="account" placeholder="e.g. acme" value={account} onInput={(e) => setAccount(e.target.value)} required={!!adminChoice} />
          </label>
        )}
        <ProblemView error={error} />
        <Button kind="primary" type="submit" busy={busy} busyLabel="Checking the key">Sign in</Button>
      </form>
    </main>
  );
}
