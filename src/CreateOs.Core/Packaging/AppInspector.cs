using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CreateOs.Core.Packaging
{
    /// <summary>
    /// Cheap, conservative looks at a folder: what kind of app it is and which port it listens on.
    /// Returns null rather than guess, because a paid deploy with the wrong port is money spent on a dead app.
    /// </summary>
    public static class AppInspector
    {
        private const int MaxReadBytes = 256 * 1024;
        private static readonly Regex DockerExpose = new Regex(@"^\s*EXPOSE\s+(\d{1,5})(?:/tcp)?\b", RegexOptions.IgnoreCase | RegexOptions.Multiline);
        private static readonly Regex PortFlag = new Regex(@"(?:--port|--listen|-p)(?:\s+|=)(\d{2,5})\b");
        private static readonly Regex PortVariable = new Regex(@"\bPORT=(\d{2,5})\b");
        private static readonly Regex BindFlag = new Regex(@"(?:--bind|-b)(?:\s+|=)(?:[\w.\[\]:]*:)?(\d{2,5})\b");
        private static readonly Regex ListenLiteral = new Regex(@"\.listen\(\s*(\d{2,5})\s*[,)]");
        private static readonly Regex PortFallback = new Regex(@"process\.env\.PORT\s*(?:\|\||\?\?)\s*['""]?(\d{2,5})\b");
        private static readonly Regex PythonPortArgument = new Regex(@"\b(?:app|uvicorn|web)\.run\([^)]*\bport\s*=\s*(\d{2,5})");
        private static readonly Regex PythonEnvPortFallback = new Regex(@"(?:environ\.get|getenv)\(\s*['""]PORT['""]\s*,\s*['""]?(\d{2,5})");

        public static AppKind DetectKind(string root)
        {
            if (Exists(root, "Dockerfile")) return AppKind.Docker;
            if (Exists(root, "package.json")) return AppKind.Node;
            foreach (var marker in new[] { "requirements.txt", "pyproject.toml", "Pipfile", "main.py", "app.py" })
            {
                if (Exists(root, marker)) return AppKind.Python;
            }

            if (Exists(root, "go.mod")) return AppKind.Go;
            if (Exists(root, "Cargo.toml")) return AppKind.Rust;
            if (Exists(root, "index.html")) return AppKind.Static;
            return AppKind.Unknown;
        }

        /// <summary>The port with its evidence, or null when nothing reliable says.</summary>
        public static PortDetection? DetectPort(string root)
        {
            var kind = DetectKind(root);
            if (kind == AppKind.Docker)
            {
                var expose = FirstMatch(DockerExpose, Read(root, "Dockerfile"));
                return expose.HasValue ? new PortDetection(expose.Value, "Dockerfile: EXPOSE " + expose.Value) : null;
            }

            if (kind == AppKind.Node) return DetectNodePort(root);
            if (kind == AppKind.Python) return DetectPythonPort(root);
            if (kind == AppKind.Static) return new PortDetection(80, "static site (index.html and no server code): served on 80");
            return null;
        }

        private static PortDetection? DetectNodePort(string root)
        {
            JObject? package = null;
            try
            {
                package = JObject.Parse(Read(root, "package.json") ?? "{}");
            }
            catch (JsonException)
            {
            }

            var start = (package?["scripts"] as JObject)?["start"]?.ToString();
            if (!string.IsNullOrEmpty(start))
            {
                var fromStart = FirstMatch(PortFlag, start) ?? FirstMatch(PortVariable, start);
                if (fromStart.HasValue) return new PortDetection(fromStart.Value, "package.json start script: " + start);
                if (Regex.IsMatch(start, @"\bnext\s+start\b")) return new PortDetection(3000, "package.json start script runs 'next start' (default port 3000)");
            }

            var candidates = new List<string>();
            var main = package?["main"]?.ToString();
            if (!string.IsNullOrEmpty(main)) candidates.Add(main!);
            var startFile = start == null ? null : Regex.Match(start, @"\bnode\s+(?:--\S+\s+)*([\w./-]+\.[cm]?js)\b").Groups[1].Value;
            if (!string.IsNullOrEmpty(startFile)) candidates.Add(startFile!);
            candidates.AddRange(new[] { "server.js", "index.js", "app.js", "main.js", "src/server.js", "src/index.js", "src/app.js" });
            foreach (var candidate in candidates)
            {
                var source = Read(root, candidate);
                if (source == null) continue;
                var fallback = FirstMatch(PortFallback, source);
                if (fallback.HasValue) return new PortDetection(fallback.Value, candidate + ": process.env.PORT falls back to " + fallback.Value);
                var literal = FirstMatch(ListenLiteral, source);
                if (literal.HasValue) return new PortDetection(literal.Value, candidate + ": listen(" + literal.Value + ")");
            }

            return null;
        }

        private static PortDetection? DetectPythonPort(string root)
        {
            var procfile = Read(root, "Procfile");
            if (procfile != null)
            {
                var fromProcfile = FirstMatch(PortFlag, procfile) ?? FirstMatch(BindFlag, procfile);
                if (fromProcfile.HasValue) return new PortDetection(fromProcfile.Value, "Procfile: " + FirstLine(procfile));
            }

            foreach (var candidate in new[] { "main.py", "app.py", "server.py", "wsgi.py", "asgi.py", "app/main.py", "src/main.py" })
            {
                var source = Read(root, candidate);
                if (source == null) continue;
                var fromRun = FirstMatch(PythonPortArgument, source);
                if (fromRun.HasValue) return new PortDetection(fromRun.Value, candidate + ": run(..., port=" + fromRun.Value + ")");
                var fromEnv = FirstMatch(PythonEnvPortFallback, source);
                if (fromEnv.HasValue) return new PortDetection(fromEnv.Value, candidate + ": PORT environment variable falls back to " + fromEnv.Value);
                if (source.IndexOf("uvicorn", StringComparison.Ordinal) >= 0 || source.IndexOf("flask", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    var fromFlag = FirstMatch(PortFlag, source);
                    if (fromFlag.HasValue) return new PortDetection(fromFlag.Value, candidate + ": --port " + fromFlag.Value);
                }
            }

            return null;
        }

        private static int? FirstMatch(Regex regex, string? text)
        {
            if (text == null) return null;
            foreach (Match match in regex.Matches(text))
            {
                if (int.TryParse(match.Groups[1].Value, out var port) && port >= 1 && port <= 65535) return port;
            }

            return null;
        }

        private static string FirstLine(string text)
        {
            var end = text.IndexOfAny(new[] { '\r', '\n' });
            return (end < 0 ? text : text.Substring(0, end)).Trim();
        }

        private static bool Exists(string root, string relativePath) => File.Exists(Path.Combine(root, relativePath));

        private static string? Read(string root, string relativePath)
        {
            while (relativePath.StartsWith("./", StringComparison.Ordinal)) relativePath = relativePath.Substring(2);
            if (RelativePathValidator.FindProblem(relativePath) != null) return null;
            var path = Path.Combine(root, relativePath);
            if (!File.Exists(path)) return null;
            var info = new FileInfo(path);
            if (info.Length > MaxReadBytes) return null;
            return File.ReadAllText(path);
        }
    }
}
