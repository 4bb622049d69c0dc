/**
 * `flinklint <folder>` in a repository that keeps Flink configuration in many hosts: every file
 * that carries Flink configuration is linted as its host, and nothing is printed for the rest
 * (unrelated YAML, scripts without a Flink launcher, an app's ConfigMap).
 */
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintFiles } from "../src/node/lint-files.js";
import { scratchDir } from "./scratch.js";

const ROOT = new URL("..", import.meta.url).pathname;

/** Files that carry Flink configuration, from the host fixtures, at the paths a repository keeps them. */
const FLINK_FILES: Record<string, string> = {
  "deploy/k8s/session-cluster.yaml": "fixtures/hosts/kubernetes/session-cluster.yaml",
  "deploy/k8s/flink-properties.yaml": "fixtures/hosts/kubernetes/flink-properties-1.19.yaml",
  "deploy/operator/app.yaml": "fixtures/k8s/application-ha.yaml",
  "scripts/submit.sh": "fixtures/hosts/script/kubernetes-application.sh",
  "Makefile": "fixtures/hosts/script/Makefile",
  "conf/flink-conf.yaml": "examples/flink-conf.yaml",
  "docker/docker-compose.yml": "fixtures/hosts/compose/session-cluster.docker-compose.yml",
};

/** Files of the same kinds that carry none. */
const UNRELATED: Record<string, string> = {
  "deploy/k8s/web.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          args: [\"-Dfoo=bar\"]\n",
  "deploy/k8s/app-config.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  application.yaml: |\n    server:\n      port: 8080\n",
  "deploy/k8s/service.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 80\n",
  ".github/workflows/ci.yml": "name: ci\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n",
  "charts/web/values.yaml": "replicaCount: 2\nimage:\n  repository: nginx\n",
  "scripts/build.sh": "#!/bin/sh\nset -e\nnpm ci\nnpm run build\n",
  "docs/mkdocs.yml": "site_name: docs\nnav:\n  - Home: index.md\n",
  "web/docker-compose.yml": "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: x\n",
};

describe("a directory scan over a repository of host files", () => {
  it("lints exactly the files that carry Flink configuration, each as its host, and is silent on the rest", async () => {
    const dir = scratchDir("hosts-scan");
    for (const [path, source] of Object.entries(FLINK_FILES)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      cpSync(join(ROOT, source), join(dir, path));
    }
    for (const [path, text] of Object.entries(UNRELATED)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const results = await lintFiles(["."], { cwd: dir, noConfigLookup: true });
    expect(results.map((r) => r.filePath).sort()).toEqual(Object.keys(FLINK_FILES).sort());
    for (const result of results) {
      // Read as their hosts: no finding is about the host's own structure (the Flink file's own quirks are its findings).
      if (result.filePath === "conf/flink-conf.yaml") continue;
      expect(result.diagnostics.filter((d) => /^legacy-(nested-yaml|missing-separator)$/.test(d.ruleId)), result.filePath).toEqual([]);
      expect(result.notice, result.filePath).toBeUndefined();
    }
  });

  it("a CI workflow that runs a Flink launcher is linted in a scan only when .flinklint.yaml includes it", async () => {
    const dir = scratchDir("hosts-scan-include");
    const workflow = [
      "name: deploy",
      "on: push",
      "jobs:",
      "  deploy:",
      "    runs-on: ubuntu-latest",
      "    steps:",
      "      - run: |",
      "          ./bin/flink run-application -t kubernetes-application \\",
      "            -Dtaskmanager.memory.process.size=1g -Dtaskmanager.memory.flink.size=1g \\",
      "            local:///opt/flink/usrlib/job.jar",
      "",
    ].join("\n");
    mkdirSync(join(dir, ".github/workflows"), { recursive: true });
    writeFileSync(join(dir, ".github/workflows/deploy.yml"), workflow);
    writeFileSync(join(dir, "flink-conf.yaml"), "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n");
    const scanned = async () => (await lintFiles(["."], { cwd: dir })).map((r) => [r.filePath, r.diagnostics.filter((d) => d.severity === "error").map((d) => d.ruleId)]);
    writeFileSync(join(dir, ".flinklint.yaml"), "");
    expect(await scanned()).toEqual([["flink-conf.yaml", []]]);
    writeFileSync(join(dir, ".flinklint.yaml"), 'include:\n  - ".github/workflows/*.yml"\n');
    const withInclude = await scanned();
    expect(withInclude.map(([path]) => path)).toEqual(["flink-conf.yaml", ".github/workflows/deploy.yml"]);
    expect(withInclude[1]?.[1]).toContain("memory-both-totals");
  });

  it("a Deployment mounting a ConfigMap kept in another file of the scan is checked against that ConfigMap", async () => {
    const dir = scratchDir("hosts-scan-configmap");
    writeFileSync(
      join(dir, "flink-configuration-configmap.yaml"),
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flink-config\ndata:\n  flink-conf.yaml: |\n    jobmanager.rpc.address: flink-jobmanager\n    taskmanager.memory.process.size: 1728m\n    jobmanager.memory.process.size: 1600m\n",
    );
    const deployment = [
      "apiVersion: apps/v1",
      "kind: Deployment",
      "metadata:",
      "  name: flink-taskmanager",
      "spec:",
      "  template:",
      "    spec:",
      "      containers:",
      "        - name: taskmanager",
      "          image: flink:1.17",
      "          args: [taskmanager]",
      "          resources:",
      "            limits:",
      "              memory: 1Gi",
      "          volumeMounts:",
      "            - name: flink-config-volume",
      "              mountPath: /opt/flink/conf",
      "      volumes:",
      "        - name: flink-config-volume",
      "          configMap:",
      "            name: flink-config",
      "",
    ].join("\n");
    writeFileSync(join(dir, "taskmanager-session-deployment.yaml"), deployment);
    const errors = (results: Awaited<ReturnType<typeof lintFiles>>, file: string) =>
      results.find((r) => r.filePath === file)?.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.ruleId}@${d.start.line}`) ?? [];
    // The whole folder: the 1728m TaskManager of the other file's ConfigMap does not fit the 1Gi limit.
    const scanned = await lintFiles(["."], { cwd: dir, noConfigLookup: true });
    expect(errors(scanned, "taskmanager-session-deployment.yaml")).toEqual(["container-memory-limit@14"]);
    // The Deployment alone: its ConfigMap is not in sight, so no memory verdict.
    const alone = await lintFiles(["taskmanager-session-deployment.yaml"], { cwd: dir, noConfigLookup: true });
    expect(errors(alone, "taskmanager-session-deployment.yaml")).toEqual([]);
  });
});
