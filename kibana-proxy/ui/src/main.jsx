import React from 'react';
import { createRoot } from 'react-dom/client';
import { EuiProvider, EuiPageTemplate, EuiTab, EuiTabs, EuiTitle, EuiFlexGroup, EuiFlexItem, EuiLink } from '@elastic/eui';
import '@elastic/charts/dist/theme_only_light.css';
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
    <EuiPageTemplate panelled={false} restrictWidth={false} grow>
      <EuiPageTemplate.Header paddingSize="s" bottomBorder>
        <EuiFlexGroup alignItems="center" gutterSize="l" responsive={false}>
          <EuiFlexItem grow={false}>
            <EuiTitle size="s"><h1>HELK lab</h1></EuiTitle>
          </EuiFlexItem>
          <EuiFlexItem>
            <EuiTabs size="l" bottomBorder={false}>
              {TABS.map((candidate) => (
                <EuiTab key={candidate.id} href={hashFor(candidate.id)} isSelected={candidate.id === current}
                  data-test-subj={`tab-${candidate.id}`}>
                  {candidate.name}
                </EuiTab>
              ))}
            </EuiTabs>
          </EuiFlexItem>
          <EuiFlexItem grow={false}>
            <EuiLink href="/api/health" target="_blank">/api/health</EuiLink>
          </EuiFlexItem>
        </EuiFlexGroup>
      </EuiPageTemplate.Header>
      <EuiPageTemplate.Section paddingSize="m">
        {current === 'home' && <HomeTab />}
        {current === 'search' && <SearchTab params={params} />}
        {current === 'tree' && <ProcessTreeTab params={params} />}
        {current === 'challenges' && <ChallengesTab />}
      </EuiPageTemplate.Section>
    </EuiPageTemplate>
  );
}

createRoot(document.getElementById('root')).render(
  <EuiProvider colorMode="light">
    <App />
  </EuiProvider>,
);
