#!/usr/bin/env node
// Runs the compiled CLI (npm run build writes dist/).
require('../dist/sim/cli/main.js');
