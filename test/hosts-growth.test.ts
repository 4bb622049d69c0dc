/**
 * A host file with many configurations (a script of many launcher calls) costs about as much per
 * configuration as a small one: work over the whole file (its suppression comments) is done once.
 */
import { describe, it } from "vitest";
import { lintText } from "../src/lint-file.js";
import { expectNearLinear, fastestMs } from "./growth.js";

function script(calls: number): string {
  const lines = ["#!/bin/sh"];
  for (let i = 0; i < calls; i++) {
    lines.push(`flink run-application -t kubernetes-application -Dtaskmanager.memory.process.size=2g -Dkubernetes.cluster-id=c${i} local:///job.jar`);
  }
  return `${lines.join("\n")}\n`;
}

describe("host files with many configurations", () => {
  it("a script's launcher calls: 8 times as many take about 8 times as long", () => {
    expectNearLinear((calls) => {
      const text = script(calls);
      return fastestMs(() => void lintText(text, { filename: "deploy.sh" }), 2);
    }, 1000, 8);
  }, 120_000);
});
