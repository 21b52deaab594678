import { useEffect, useState } from 'preact/hooks';
import { onSessionChange, session, signOut, switchAccount } from './session.js';
import { href, navigate, useRoute } from './router.js';
import { SignInPage } from './pages/sign-in.jsx';
import { FunctionsPage } from './pages/functions.jsx';
import { CreatePage } from './pages/create.jsx';
import { FunctionPage } from './pages/function.jsx';
import { SettingsPage } from './pages/settings.jsx';
import { OperatorPage } from './pages/operator.jsx';
import { LogsPage } from './pages/logs.jsx';

export function App() {
  const [current, setCurrent] = useState(session());
  useEffect(() => onSessionChange(setCurrent), []);
  const route = useRoute();
  if (!current) {
    return <SignInPage />;
  }
  return (
    <div class="shell">
      <Header current={current} />
      <Navigation route={route} admin={current.admin} />
      <main id="main" class="content" key={current.account}>
        <Page route={route} current={current} />
      </main>
    </div>
  );
}

function Page({ route, current }) {
  const [section, id, tab] = route.segments;
  if (!section || section === 'functions') {
    if (id === 'new') {
      return <CreatePage />;
    }
    return id ? <FunctionPage id={id} tab={tab || 'code'} route={route} /> : <FunctionsPage route={route} />;
  }
  if (section === 'logs') {
    return <LogsPage />;
  }
  if (section === 'settings') {
    return <SettingsPage tab={id || 'secrets'} />;
  }
  if (section === 'operator') {
    return <OperatorPage tab={id || 'health'} admin={current.admin} />;
  }
  return <p>No page {route.path}. <a href={href('/functions')}>Functions</a></p>;
}

function Header({ current }) {
  const [other, setOther] = useState('');
  const change = (account) => {
    if (account && account !== current.account) {
      switchAccount(account);
      navigate('/functions');
    }
  };
  return (
    <header class="topbar">
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main').focus(); }}>Skip to content</a>
      <a class="brand" href={href('/functions')}>Switchboard</a>
      <div class="account" data-testid="account">
        <span class="muted">{current.admin ? 'Admin · account' : 'Account'}</span>
        {current.admin && current.accounts && current.accounts.length > 0 ? (
          <select aria-label="Account" value={current.account} onChange={(e) => change(e.target.value)}>
            {[...new Set([current.account, ...current.accounts])].map((a) => <option value={a}>{a}</option>)}
          </select>
        ) : <strong>{current.account}</strong>}
        {current.admin && (
          <form class="switch" onSubmit={(e) => { e.preventDefault(); change(other.trim()); setOther(''); }}>
            <input aria-label="Switch to account" placeholder="switch account" value={other} onInput={(e) => setOther(e.target.value)} />
          </form>
        )}
      </div>
      <button type="button" class="button secondary" onClick={() => signOut()}>Sign out</button>
    </header>
  );
}

function Navigation({ route, admin }) {
  const path = route.path;
  const link = (to, label, match = to) => (
    <li><a href={href(to)} aria-current={path === match || path.startsWith(match + '/') ? 'page' : undefined}>{label}</a></li>
  );
  return (
    <nav class="sidenav" aria-label="Console">
      <ul>
        {link('/functions', 'Functions')}
        {link('/logs', 'Invocations & logs')}
      </ul>
      <h3>Settings</h3>
      <ul>
        {link('/settings/secrets', 'Secrets')}
        {link('/settings/allowed-domains', 'Allowed domains')}
        {link('/settings/bots', 'Bots')}
        {link('/settings/schedules', 'Schedules')}
        {link('/settings/dead-letters', 'Dead letters')}
      </ul>
      <h3>{admin ? 'Operator' : 'Platform'}</h3>
      <ul>
        {link('/operator/event-sources', 'Event sources')}
        {link('/operator/templates', 'Templates')}
        {link('/operator/limits', 'Limits')}
        {link('/operator/health', 'Health')}
      </ul>
    </nav>
  );
}
