using System;
using System.Text;
using System.Text.RegularExpressions;

namespace CreateOs.Core.Packaging
{
    /// <summary>One .gitignore line, compiled (git's wildmatch rules with FNM_PATHNAME: '*' never crosses '/').</summary>
    public sealed class GitIgnorePattern
    {
        private readonly Regex _regex;
        private readonly string[]? _segments;
        private Regex?[]? _segmentRegexes;

        private GitIgnorePattern(string text, string body, bool negated, bool directoryOnly, bool anchored, string origin, int lineNumber)
        {
            Text = text;
            Negated = negated;
            DirectoryOnly = directoryOnly;
            Anchored = anchored;
            Origin = origin;
            LineNumber = lineNumber;
            _regex = new Regex("^" + Translate(body) + "$", RegexOptions.CultureInvariant | RegexOptions.Singleline);
            _segments = anchored ? body.Split('/') : null;
        }

        /// <summary>The line as written (without trailing blanks).</summary>
        public string Text { get; }

        /// <summary>A '!' rule: re-includes what an earlier rule excluded.</summary>
        public bool Negated { get; }

        /// <summary>A rule ending in '/': matches directories only.</summary>
        public bool DirectoryOnly { get; }

        /// <summary>A rule with a '/' before its end: matched against the path relative to its .gitignore, not against a bare name.</summary>
        public bool Anchored { get; }

        /// <summary>Where the rule came from, e.g. "sub/.gitignore" or "-Exclude".</summary>
        public string Origin { get; }

        public int LineNumber { get; }

        /// <summary>Parses one line; null for blank lines and comments.</summary>
        public static GitIgnorePattern? Parse(string line, string origin, int lineNumber)
        {
            if (line == null) throw new ArgumentNullException(nameof(line));
            var text = line.TrimEnd('\r', '\n');
            text = TrimUnescapedTrailingSpaces(text);
            if (text.Length == 0 || text[0] == '#') return null;

            var body = text;
            var negated = false;
            if (body[0] == '!')
            {
                negated = true;
                body = body.Substring(1);
            }

            var directoryOnly = false;
            if (body.EndsWith("/", StringComparison.Ordinal))
            {
                directoryOnly = true;
                body = body.TrimEnd('/');
            }

            if (body.Length == 0) return null;
            var anchored = body.IndexOf('/') >= 0;
            if (anchored) body = body.TrimStart('/');
            if (body.Length == 0) return null;
            return new GitIgnorePattern(text, body, negated, directoryOnly, anchored, origin, lineNumber);
        }

        /// <param name="relativePath">Forward-slash path relative to the directory holding the rule.</param>
        /// <param name="name">Last segment of the path.</param>
        public bool IsMatch(string relativePath, string name, bool isDirectory)
        {
            if (DirectoryOnly && !isDirectory) return false;
            return _regex.IsMatch(Anchored ? relativePath : name);
        }

        /// <summary>
        /// True when an anchored rule could match something strictly inside <paramref name="directoryPath"/> (used to look inside
        /// excluded folders for -Include). Bare-name rules ("*.js", "dist/") never lead inside an excluded folder: otherwise
        /// "-Include dist/" would have to crawl every node_modules for nested dist folders.
        /// </summary>
        public bool CouldMatchBeneath(string directoryPath)
        {
            if (!Anchored) return false;
            var dirSegments = directoryPath.Split('/');
            for (var i = 0; i < dirSegments.Length; i++)
            {
                if (i >= _segments!.Length) return false;
                if (_segments[i] == "**") return true;
                if (!SegmentRegex(i).IsMatch(dirSegments[i])) return false;
            }

            return _segments!.Length > dirSegments.Length;
        }

        public override string ToString() => Text;

        private Regex SegmentRegex(int index)
        {
            _segmentRegexes ??= new Regex?[_segments!.Length];
            return _segmentRegexes[index] ??= new Regex("^" + Translate(_segments![index]) + "$", RegexOptions.CultureInvariant);
        }

        private static string TrimUnescapedTrailingSpaces(string text)
        {
            var end = text.Length;
            while (end > 0 && text[end - 1] == ' ')
            {
                var backslashes = 0;
                for (var k = end - 2; k >= 0 && text[k] == '\\'; k--) backslashes++;
                if (backslashes % 2 == 1) break;
                end--;
            }

            return text.Substring(0, end);
        }

        private static string Translate(string glob)
        {
            var sb = new StringBuilder();
            var n = glob.Length;
            for (var i = 0; i < n; i++)
            {
                var c = glob[i];
                switch (c)
                {
                    case '*':
                        if (i + 1 < n && glob[i + 1] == '*')
                        {
                            var atSegmentStart = i == 0 || glob[i - 1] == '/';
                            var next = i + 2;
                            if (atSegmentStart && next < n && glob[next] == '/')
                            {
                                sb.Append("(?:.*/)?");
                                i = next;
                            }
                            else if (atSegmentStart && next == n)
                            {
                                sb.Append(".*");
                                i = next - 1;
                            }
                            else
                            {
                                sb.Append("[^/]*");
                                i = next - 1;
                                while (i + 1 < n && glob[i + 1] == '*') i++;
                            }
                        }
                        else
                        {
                            sb.Append("[^/]*");
                        }

                        break;
                    case '?':
                        sb.Append("[^/]");
                        break;
                    case '[':
                        i = AppendCharacterClass(glob, i, sb);
                        break;
                    case '\\':
                        if (i + 1 < n)
                        {
                            i++;
                            sb.Append(Regex.Escape(glob[i].ToString()));
                        }
                        else
                        {
                            sb.Append(@"\\");
                        }

                        break;
                    default:
                        sb.Append(Regex.Escape(c.ToString()));
                        break;
                }
            }

            return sb.ToString();
        }

        /// <summary>Appends a [...] class; returns the index of its closing ']' (or treats '[' literally when unclosed).</summary>
        private static int AppendCharacterClass(string glob, int start, StringBuilder sb)
        {
            var i = start + 1;
            var negate = false;
            if (i < glob.Length && (glob[i] == '!' || glob[i] == '^'))
            {
                negate = true;
                i++;
            }

            var members = new StringBuilder();
            var first = true;
            for (; i < glob.Length; i++)
            {
                var c = glob[i];
                if (c == ']' && !first)
                {
                    sb.Append(negate ? "[^/" : "[").Append(members).Append(']');
                    return i;
                }

                first = false;
                if (c == '\\' && i + 1 < glob.Length)
                {
                    i++;
                    c = glob[i];
                }

                if (c == '-' && members.Length > 0 && i + 1 < glob.Length && glob[i + 1] != ']')
                {
                    members.Append('-');
                }
                else if (c == '\\' || c == ']' || c == '[' || c == '^' || c == '-')
                {
                    members.Append('\\').Append(c);
                }
                else
                {
                    members.Append(c);
                }
            }

            sb.Append(@"\[");
            return start;
        }
    }
}
