#!/usr/bin/env node
// Bundles the explorer (explorer/main.ts and the engine modules it imports, the same ones the CLI
// runs) into one script for the browser: dist/explorer/explorer.js, which `waterbed explorer`
// inlines into its page. esbuild is a dev dependency: the bundle is made at build time, and the
// command only reads it. A Node built-in (fs, path, worker_threads) reached from the entry fails
// the build, so the page can never pull in a module that reads files or starts threads.
'use strict';
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');
esbuild
  .build({
    entryPoints: [path.join(root, 'explorer', 'main.ts')],
    outfile: path.join(root, 'dist', 'explorer', 'explorer.js'),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'warning',
    tsconfig: path.join(root, 'explorer', 'tsconfig.json'),
  })
  .catch(() => process.exit(1));
