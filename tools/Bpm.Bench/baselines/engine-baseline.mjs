// Baseline for `Bpm.Bench engine`: the same start → user task → end workflow run by bpmn-engine.
// The BPMN is parsed and serialized ONCE; each run creates an engine from that source context,
// executes it, signals the user task when it waits, and waits for the end.
//
//   node engine-baseline.mjs [--warmup-seconds S] [--seconds S] [--repetitions N]
//
// Prints one JSON line on stdout: {"engine":"bpmn-engine","version":…,"runsPerSecond":<median>,…}.
import { EventEmitter } from 'node:events';
import { Engine } from 'bpmn-engine';
import BpmnModdle from 'bpmn-moddle';
import serializer, { TypeResolver } from 'moddle-context-serializer';
import * as Elements from 'bpmn-elements';

import { readFileSync } from 'node:fs';
const engineVersion = JSON.parse(readFileSync(new URL('./node_modules/bpmn-engine/package.json', import.meta.url), 'utf8')).version;

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

const warmupSeconds = option('warmup-seconds', 1);
const seconds = option('seconds', 1);
const repetitions = option('repetitions', 5);

const source = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Definitions_bench" targetNamespace="http://bpm.example/bench">
  <process id="register" isExecutable="true">
    <startEvent id="start" />
    <sequenceFlow id="toTask" sourceRef="start" targetRef="task" />
    <userTask id="task" name="Transfer to the tax-service department" />
    <sequenceFlow id="toEnd" sourceRef="task" targetRef="end" />
    <endEvent id="end" />
  </process>
</definitions>`;

// Parsed once: XML → moddle context → the serialized source context engines load from.
const moddleContext = await new BpmnModdle().fromXML(source);
const sourceContext = serializer(moddleContext, TypeResolver(Elements));

// Quiet logger: bpmn-engine's default (debug) is already silent unless DEBUG is set; this avoids even that.
const noop = () => {};
const Logger = () => ({ debug: noop, error: noop, warn: noop });

function runOnce() {
  return new Promise((resolve, reject) => {
    const listener = new EventEmitter();
    listener.on('wait', (api) => {
      if (api.id === 'task') api.signal({ outcome: 'Done' });
    });
    const engine = new Engine({ name: 'bench', sourceContext, Logger });
    engine.once('end', () => resolve());
    engine.once('error', reject);
    engine.execute({ listener }).catch(reject);
  });
}

async function runFor(durationSeconds) {
  let runs = 0;
  const started = process.hrtime.bigint();
  const limit = BigInt(Math.round(durationSeconds * 1e9));
  let elapsed = 0n;
  do {
    await runOnce();
    runs++;
    elapsed = process.hrtime.bigint() - started;
  } while (elapsed < limit);
  return { runs, seconds: Number(elapsed) / 1e9 };
}

await runFor(warmupSeconds);
const rates = [];
for (let i = 0; i < repetitions; i++) {
  const { runs, seconds: took } = await runFor(seconds);
  rates.push(runs / took);
}
rates.sort((a, b) => a - b);
console.log(JSON.stringify({
  engine: 'bpmn-engine',
  version: engineVersion,
  node: process.version,
  repetitions,
  secondsPerRepetition: seconds,
  runsPerSecond: rates[Math.floor(rates.length / 2)],
  bestRunsPerSecond: rates[rates.length - 1],
}));
