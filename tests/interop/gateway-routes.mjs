// The non-paying routes a minimal gateway needs so the module can finish a paid deploy (mpp-gateway.md §1, §7):
// recipients, projects of the wallet, deployment status, and the app's endpoint (served here). Projects live in memory;
// every deployment is "ready" at once.
import { randomUUID } from 'node:crypto';

export function createProjects(recipient, chainName) {
  const endpoint = (req, project) => `http://${req.headers.host}/apps/${project.name}/`;
  const projects = [];
  return {
    add(wallet, uniqueName) {
      const project = { id: randomUUID(), deploymentId: randomUUID(), wallet: (wallet ?? '').toLowerCase(), name: uniqueName };
      projects.push(project);
      return project;
    },
    /** Answers GET routes; returns false for anything else. */
    route(req, res, url) {
      const json = (status, body) => { res.writeHead(status, { 'Content-Type': 'application/json' }); res.end(JSON.stringify(body)); };
      if (req.method === 'GET' && url.pathname === '/agent/recipients')
        return json(200, { updated_at: new Date().toISOString(), recipients: [{ chain: chainName, address: recipient }] }), true;
      if (req.method === 'GET' && url.pathname === '/agent/projects') {
        const wallet = String(req.headers['x-wallet-address'] ?? '').toLowerCase();
        const own = projects.filter((p) => p.wallet === wallet);
        return json(200, { wallet, count: own.length, projects: own.map((p) => ({ id: p.id, name: p.name, displayName: p.name, status: 'active', url: endpoint(req, p), createdAt: new Date().toISOString() })) }), true;
      }
      const status = url.pathname.match(/^\/agent\/deploy\/([^/]+)\/([^/]+)\/status$/);
      if (req.method === 'GET' && status) {
        const project = projects.find((p) => p.id === status[1] && p.deploymentId === status[2]);
        return (project ? json(200, { status: 'ready', deployment_id: project.deploymentId, endpoint: endpoint(req, project) }) : json(404, { error: 'not found' })), true;
      }
      const app = url.pathname.match(/^\/apps\/([^/]+)\/$/);
      if (req.method === 'GET' && app && projects.some((p) => p.name === app[1])) {
        res.writeHead(200, { 'Content-Type': 'text/html' });
        res.end(`<h1>${app[1]}</h1>`);
        return true;
      }
      return false;
    },
  };
}

export async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}
