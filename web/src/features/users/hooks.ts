export { useTeams, useUsers } from '../accounts/hooks.js';
