import React from 'react';
import { createRoot } from 'react-dom/client';
import './styles.css';
import Icon from './icons.jsx';
import { useRoute, hashFor } from './route.js';
import HomeTab from './HomeTab.jsx';
import SearchTab from './SearchTab.jsx';
import ProcessTreeTab from './ProcessTreeTab.jsx';
import ChallengesTab from './ChallengesTab.jsx';

const TABS = [
  { id: 'home', name: 'Home' },
  { id: 'search', name: 'Search' },
  { id: 'tree', name: 'Process tree' },
  { id: 'challenges', name: 'Challenges' },
];

function App() {
  const { tab, params } = useRoute();
  const current = TABS.some((candidate) => candidate.id === tab) ? tab : 'home';
  return (
    <>
      <header className="header">
        <h1>HELK lab</h1>
        <nav className="tabs" aria-label="Sections">
          {TABS.map((candidate) => (
            <a key={candidate.id} href={hashFor(candidate.id)} className={candidate.id === current ? 'tab selected' : 'tab'}
              aria-current={candidate.id === current ? 'page' : undefined} data-test-subj={`tab-${candidate.id}`}>
              {candidate.name}
            </a>
          ))}
        </nav>
        <a className="healthLink" href="/api/health" target="_blank" rel="noreferrer">/api/health <Icon name="popout" size={12} /></a>
      </header>
      <main className="page">
        {current === 'home' && <HomeTab />}
        {current === 'search' && <SearchTab params={params} />}
        {current === 'tree' && <ProcessTreeTab params={params} />}
        {current === 'challenges' && <ChallengesTab />}
      </main>
    </>
  );
}

createRoot(document.getElementById('root')).render(<App />);
