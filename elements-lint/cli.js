#!/usr/bin/env node
"use strict";Number(process.versions.node.split(".")[0])>=22&&require("node:module").enableCompileCache?.();require("./cli-program.js");
