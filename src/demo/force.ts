// The fictional force `npm run demo` builds: Northshire Police, four districts, their neighbourhood teams,
// the official accounts each runs on the Sandbox network, and people in every role.
import type { Role } from '../modules/identity/roles.js';

export const DEMO_ORG = 'Northshire Police';
export const DEMO_PASSWORD = 'northshire demo 2026';

export interface DemoDistrict {
  name: string;
  handle: string;
  teams: Array<{ name: string; handle: string }>;
}

export const DISTRICTS: DemoDistrict[] = [
  {
    name: 'Ashby District',
    handle: 'AshbyPolice',
    teams: [
      { name: 'Ashby Town Centre NPT', handle: 'AshbyTownNPT' },
      { name: 'Ashby Rural NPT', handle: 'AshbyRuralNPT' },
      { name: 'Ravenmoor NPT', handle: 'RavenmoorNPT' },
    ],
  },
  {
    name: 'Castlegate District',
    handle: 'CastlegatePolice',
    teams: [
      { name: 'Castlegate North NPT', handle: 'CastlegateNorthNPT' },
      { name: 'Castlegate South NPT', handle: 'CastlegateSouthNPT' },
      { name: 'Harbourside NPT', handle: 'HarboursideNPT' },
    ],
  },
  {
    name: 'Fenwick District',
    handle: 'FenwickPolice',
    teams: [
      { name: 'Fenwick East NPT', handle: 'FenwickEastNPT' },
      { name: 'Fenwick West NPT', handle: 'FenwickWestNPT' },
    ],
  },
  {
    name: 'Wolds District',
    handle: 'WoldsPolice',
    teams: [
      { name: 'Wolds Villages NPT', handle: 'WoldsVillagesNPT' },
      { name: 'Marlow Bridge NPT', handle: 'MarlowBridgeNPT' },
    ],
  },
];

/** Force-wide accounts run by departments rather than districts. */
export const FORCE_ACCOUNTS = [
  { handle: 'NorthshirePolice', name: 'Northshire Police', labels: ['force', 'corporate'] },
  { handle: 'NorthshireRoads', name: 'Northshire Roads Policing', labels: ['force', 'roads'] },
  { handle: 'NorthshireCID', name: 'Northshire CID', labels: ['force', 'investigations'] },
  { handle: 'NorthshireDogs', name: 'Northshire Dog Unit', labels: ['force', 'specialist'] },
  { handle: 'NorthshireChief', name: 'Chief Constable of Northshire', labels: ['force', 'senior'] },
  { handle: 'NorthshireRecruit', name: 'Join Northshire Police', labels: ['force', 'recruitment'] },
  { handle: 'NorthshireMarine', name: 'Northshire Marine Unit', labels: ['force', 'specialist'] },
  { handle: 'NorthshireCadets', name: 'Northshire Volunteer Police Cadets', labels: ['force', 'community'] },
];

export interface DemoPerson {
  name: string;
  email: string;
  roles: Role[];
  /** District or team name (from DISTRICTS), for officers. */
  team?: string;
  /** Grant on their team's (or district's) account: post directly rather than with approval. */
  publishesDirectly?: boolean;
}

export const PEOPLE: DemoPerson[] = [
  { name: 'Alex Morgan', email: 'admin@northshire.example', roles: ['admin'] },
  { name: 'Priya Shah', email: 'comms@northshire.example', roles: ['comms'] },
  { name: 'Tom Okafor', email: 'comms2@northshire.example', roles: ['comms'] },
  { name: 'Jess Kowalski', email: 'moderator@northshire.example', roles: ['moderator'] },
  { name: 'Dan Reilly', email: 'moderator2@northshire.example', roles: ['moderator'] },
  { name: 'Helen Achebe', email: 'auditor@northshire.example', roles: ['auditor'] },
  {
    name: 'PC Sam Patel',
    email: 'author@northshire.example',
    roles: ['author'],
    team: 'Ashby Town Centre NPT',
  },
  {
    name: 'PCSO Leah Brooks',
    email: 'leah.brooks@northshire.example',
    roles: ['author'],
    team: 'Ashby Rural NPT',
  },
  { name: 'PC Ryan Doyle', email: 'ryan.doyle@northshire.example', roles: ['author'], team: 'Ravenmoor NPT' },
  {
    name: 'Sgt Maria Costa',
    email: 'maria.costa@northshire.example',
    roles: ['author'],
    team: 'Castlegate North NPT',
    publishesDirectly: true,
  },
  {
    name: 'PC Owen Hughes',
    email: 'owen.hughes@northshire.example',
    roles: ['author'],
    team: 'Harbourside NPT',
  },
  {
    name: 'PC Aisha Rahman',
    email: 'aisha.rahman@northshire.example',
    roles: ['author'],
    team: 'Fenwick East NPT',
  },
  {
    name: 'Insp Chris Nolan',
    email: 'chris.nolan@northshire.example',
    roles: ['author'],
    team: 'Wolds District',
    publishesDirectly: true,
  },
  {
    name: 'PCSO Beth Turner',
    email: 'beth.turner@northshire.example',
    roles: ['author'],
    team: 'Marlow Bridge NPT',
  },
];
