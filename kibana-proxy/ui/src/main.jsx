import React from 'react';
import { createRoot } from 'react-dom/client';
import './styles.css';
import Icon from './icons.jsx';
import { useRoute, hashFor } from './route.js';
import HomeTab from './HomeTab.jsx';
import SearchTab from './SearchTab.jsx';
import DashboardsTab from './DashboardsTab.jsx';
import ProcessTreeTab from './ProcessTreeTab.jsx';
import ChallengesTab from './ChallengesTab.jsx';
import AlertsTab from './AlertsTab.jsx';
import RulesTab from './RulesTab.jsx';
import CoverageTab from './CoverageTab.jsx';

// The sections, in header order. A new view (alerts, rules, ATT&CK coverage) is one more entry: its id is
// the URL's #/<id>, and it receives the URL parameters like the others.
const TABS = [
  { id: 'home', name: 'Home', view: () => <HomeTab /> },
  { id: 'search', name: 'Search', view: (params) => <SearchTab params={params} /> },
  { id: 'dashboards', name: 'Dashboards', view: (params) => <DashboardsTab params={params} /> },
  { id: 'alerts', name: 'Alerts', view: (params) => <AlertsTab params={params} /> },
  { id: 'rules', name: 'Rules', view: (params) => <RulesTab params={params} /> },
  { id: 'coverage', name: 'ATT&CK', view: (params) => <CoverageTab params={params} /> },
  { id: 'tree', name: 'Process tree', view: (params) => <ProcessTreeTab params={params} /> },
  { id: 'challenges', name: 'Challenges', view: (params) => <ChallengesTab params={params} /> },
];

function App() {
  const { tab, params } = useRoute();
  const current = TABS.find((candidate) => candidate.id === tab) || TABS[0];
  return (
    <>
      <header className="header">
        <h1>HELK lab</h1>
        <nav className="tabs" aria-label="Sections">
          {TABS.map((candidate) => (
            <a key={candidate.id} href={hashFor(candidate.id)} className={candidate === current ? 'tab selected' : 'tab'}
              aria-current={candidate === current ? 'page' : undefined} data-test-subj={`tab-${candidate.id}`}>
              {candidate.name}
            </a>
          ))}
        </nav>
        <a className="healthLink" href="/api/health" target="_blank" rel="noreferrer">/api/health <Icon name="popout" size={12} /></a>
      </header>
      <main className="page">{current.view(params)}</main>
    </>
  );
}

createRoot(document.getElementById('root')).render(<App />);
