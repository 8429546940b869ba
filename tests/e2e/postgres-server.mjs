// The built server on PostgreSQL, for the end-to-end tests that run on both databases: a
// throwaway cluster (scripts/postgres-cluster.mjs) with one database, `node build/start.js` on it
// with this process's environment, and the cluster removed when the server ends.
import { spawn } from 'node:child_process';
import { newDatabase, startCluster } from '../../scripts/postgres-cluster.mjs';

const cluster = await startCluster();
const url = await newDatabase(cluster.url, 'hearth_e2e');

const server = spawn(process.execPath, ['build/start.js'], {
	env: { ...process.env, DATABASE_URL: url },
	stdio: 'inherit'
});
let stopped = false;
const stop = () => {
	if (stopped) return;
	stopped = true;
	cluster.stop();
};
server.once('exit', (code) => {
	stop();
	process.exit(code ?? 0);
});
for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => server.kill(signal));
