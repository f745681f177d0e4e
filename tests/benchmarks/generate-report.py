#!/usr/bin/env python3
"""Scales a real exportlint.json (a scan of samples/) to N findings for the report benchmark.

Each finding is a clone of one of the template's findings, moved to its own file, line and project, with its own
fingerprint, so no two are the same. Added to the clones, as a large scan has them: restricted-package findings with
dependency paths, model files with headers, suppressed findings, problems (two incomplete), a project inventory with
resolved package graphs, and messages and snippets that are long, multibyte or full of Markdown/HTML. Deterministic:
the same template and N give the same bytes.

usage: generate-report.py TEMPLATE.json N OUT.json
"""
import copy
import hashlib
import json
import sys


def main():
    template_path, count, out_path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(template_path, encoding="utf-8") as f:
        template = json.load(f)
    code = [f for f in template["findings"] if f["location"]["line"] > 0]
    models = [f for f in template["findings"] if f["evidence"].get("modelFile")]
    if not code or not models:
        sys.exit("the template has no code or model-file finding: scan samples/ to make it")

    package_entry = copy.deepcopy(next(e for e in template["entries"] if e["id"] == "EXL-W-LLAMA"))
    package_entry.update({
        "id": "EXL-P-GPU-RUNTIMES", "category": "restricted-package", "severity": "warning",
        "classification": "ECCN 3A090 / 4A090", "citation": "ECCN 3A090 / 4A090 (active since 2022-10-07)",
        "message": "References a package that ships GPU runtime binaries", "diagnosticId": "EXL0100",
        "rationale": "CUDA and ROCm runtime packages put GPU compute into the application.",
    })
    entries = template["entries"] + [package_entry]

    projects_count = max(1, count // 50)
    projects = []
    for p in range(projects_count):
        name = f"Service{p:04d}"
        packages = []
        for k in range(25):
            packages.append({
                "id": f"Contoso.Dependency{k:02d}", "version": f"{1 + k % 7}.{p % 10}.{k}", "direct": k < 5,
                "path": [name] + ([] if k < 5 else [f"Contoso.Dependency{k % 5:02d} 1.0.0"]) + [f"Contoso.Dependency{k:02d} 1.{p % 10}.{k}"],
            })
        projects.append({
            "path": f"src/{name}/{name}.csproj", "name": name, "mode": "semantic" if p % 20 else "source",
            "reason": None if p % 20 else "the project could not be restored: NU1101 Unable to find package Contoso.Private.Inference",
            "targetFrameworks": ["net8.0", "net10.0"], "assetsFile": f"src/{name}/obj/project.assets.json",
            "files": 40 + p % 13, "packages": packages,
        })

    tricky = [
        "uses `LoadFromFile` | pipes | <script>alert(1)</script> & [link](http://x) @octocat #123\nsecond line",
        "模型权重 — Gewichte laden: ÄÖÜ ß — モデルの重み 🚀🔥 " * 6,
        "x" * 5000,
    ]

    findings, model_records, suppressions = [], [], []
    for i in range(count):
        project = projects[i % projects_count]
        folder = project["path"].rsplit("/", 1)[0]
        kind = i % 20
        if kind < 3:
            # A restricted package, reached through a dependency path.
            version = f"12.{i // projects_count}.{i % 4}"  # one per project and i: no two findings alike
            f = copy.deepcopy(code[0])
            f.update({
                "id": "EXL0100", "entryId": "EXL-P-GPU-RUNTIMES", "category": "restricted-package",
                "severity": "warning", "level": "warning", "classification": package_entry["classification"],
                "citation": package_entry["citation"], "sourceStatus": "active",
                "message": f"References a package that ships GPU runtime binaries (LLamaSharp.Backend.Cuda12 {version} via {project['name']} → LLamaSharp 0.30.0) — entry EXL-P-GPU-RUNTIMES, {package_entry['citation']}",
                "helpUri": "https://github.com/exportlint/exportlint/blob/main/docs/rules/EXL0100.md",
                "location": {"file": project["path"], "line": 10 + i % 30, "column": 6},
                "evidence": {
                    "snippet": f'<PackageReference Include="LLamaSharp.Backend.Cuda12" Version="{version}" />',
                    "package": {"id": "LLamaSharp.Backend.Cuda12", "version": version, "direct": False,
                                "path": [project["name"], "LLamaSharp 0.30.0", f"LLamaSharp.Backend.Cuda12 {version}"],
                                "targetFrameworks": ["net8.0", "net10.0"], "file": "runtimes/linux-x64/native/cuda12/libllama.so"},
                },
            })
        elif kind < 5:
            # A model file, with its header.
            f = copy.deepcopy(models[0])
            path = f"{folder}/models/weights-{i:05d}.gguf"
            record = copy.deepcopy(f["evidence"]["modelFile"])
            record.update({"path": path, "length": 4096 + i, "sha256": hashlib.sha256(path.encode()).hexdigest(),
                           "parameterCount": 7_000_000_000 + i, "tensorCount": 291})
            f["evidence"]["modelFile"] = record
            f["location"] = {"file": path, "line": 0, "column": 0}
            f["message"] = f"Model weight file ({path}: gguf, 291 tensors, {record['parameterCount']} parameters; Content item) — entry EXL-F-WEIGHTS, {f['citation']}"
            model_records.append(copy.deepcopy(record))
        else:
            f = copy.deepcopy(code[i % len(code)])
            line = 10 + i // projects_count  # one line per project and i: no two findings alike
            f["location"] = {"file": f"{folder}/Inference/Worker{i % 97:02d}.cs", "line": line, "column": 9 + i % 40,
                             "endLine": line, "endColumn": 49 + i % 40}
            if i % 100 == 7:
                f["message"] = tricky[(i // 100) % len(tricky)]
                f["evidence"]["snippet"] = tricky[(i // 100 + 1) % len(tricky)]
        f["project"] = project["path"]
        f["fingerprint"] = hashlib.md5(f"finding {i}".encode()).hexdigest()
        f["suppression"] = None
        f.pop("baselineState", None)
        if i % 10 == 3 and kind >= 5:
            f["severity"], f["level"] = "error", "error"
        if i % 100 == 11:
            suppression = {"target": f["entryId"], "kind": "ExportLintSuppress", "justification": "reviewed by export counsel, licence D123456",
                           "until": "2099-12-31", "expired": False, "valid": True, "uses": 1,
                           "location": {"file": project["path"], "line": 40, "column": 6}}
            f["suppression"] = suppression
            suppressions.append(copy.deepcopy(suppression))
        findings.append(f)

    problems = [{"id": "EXL0200", "level": "warning", "message": f"{p['path']} was scanned from source: {p['reason']}",
                 "location": {"file": p["path"], "line": 0, "column": 0}, "project": p["path"], "incomplete": False}
                for p in projects if p["mode"] == "source"]
    problems += [{"id": "EXL0201", "level": "error", "message": f"'vendor/blob{k}.bin' could not be read, so it is not known whether it is a model file: Permission denied",
                  "location": {"file": f"vendor/blob{k}.bin", "line": 0, "column": 0}, "incomplete": True} for k in range(2)]

    report = copy.deepcopy(template)
    report.update({"projects": projects, "models": model_records, "findings": findings, "suppressions": suppressions,
                   "problems": problems, "entries": entries})
    for key in ("baseline", "absentFindings"):
        report.pop(key, None)
    with open(out_path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(report, f, ensure_ascii=False, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
