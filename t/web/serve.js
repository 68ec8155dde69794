// serve.js: what the browser test and bench/web share: a tiny static file
// server on 127.0.0.1 (GET and HEAD of files under one directory, nothing
// else) and the headless Chromium launch.
// SPDX-License-Identifier: MIT
'use strict';
const http = require('http');
const fs = require('fs');
const path = require('path');

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.png': 'image/png' };

// Resolves to { url, close } once listening on a free port.
function serve(dir) {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = path.join(root, rel);
    if (!file.startsWith(root)) file = '';
    if (file && fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !file || !fs.existsSync(file)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found\n');
      return;
    }
    const body = fs.readFileSync(file);
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
      'Content-Length': body.length, 'Cache-Control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({
      url: `http://127.0.0.1:${server.address().port}/`,
      close: () => new Promise((r) => server.close(r)),
    }));
  });
}

// Debian's chromium through playwright-core, with the flags that work as
// root on a closed network; playwright never downloads a browser.
// Chromium's headless mode is the whole browser: for every new window it
// preloads the address bar's drop-down, a WebUI page in a renderer of its
// own that keeps a core busy for a few hundred milliseconds, while the
// page under test loads.  Nobody can see it here, so it is turned off.
async function launch(executablePath) {
  const { chromium } = require(path.resolve(process.env.top_srcdir || '.', 'node_modules', 'playwright-core'));
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-features=PreloadTopChromeWebUI,WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup'],
  });
}

module.exports = { serve, launch };
