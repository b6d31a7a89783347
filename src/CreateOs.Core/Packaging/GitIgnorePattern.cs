using System;
using System.Text;

namespace CreateOs.Core.Packaging
{
    /// <summary>
    /// One .gitignore line, parsed and matched as git 2.39 does (dir.c parse_path_pattern, match_basename,
    /// match_pathname; wildmatch over UTF-8 bytes). A rule without a '/' (other than one trailing '/') matches the last
    /// name of a path at any depth; any other rule matches the path relative to its .gitignore, with wildcards that do
    /// not cross '/'.
    /// </summary>
    public sealed class GitIgnorePattern
    {
        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false);

        /// <summary>The pattern as matched: after '!', without one trailing '/'.</summary>
        private readonly byte[] _pattern;

        /// <summary>How many leading bytes hold no wildcard (git's nowildcardlen), compared as plain bytes.</summary>
        private readonly int _literalPrefixLength;

        /// <summary>"*literal": a suffix comparison (git's PATTERN_FLAG_ENDSWITH).</summary>
        private readonly bool _endsWith;

        private string[]? _segments;

        private GitIgnorePattern(string text, byte[] pattern, bool negated, bool directoryOnly, string origin, int lineNumber)
        {
            Text = text;
            _pattern = pattern;
            Negated = negated;
            DirectoryOnly = directoryOnly;
            Anchored = Array.IndexOf(pattern, (byte)'/') >= 0;
            Origin = origin;
            LineNumber = lineNumber;
            _literalPrefixLength = LiteralPrefixLength(pattern, 0);
            _endsWith = pattern[0] == '*' && LiteralPrefixLength(pattern, 1) == pattern.Length - 1;
        }

        /// <summary>The line as written (without its line break and unescaped trailing spaces).</summary>
        public string Text { get; }

        /// <summary>A '!' rule: re-includes what an earlier rule excluded.</summary>
        public bool Negated { get; }

        /// <summary>A rule ending in '/': matches directories only.</summary>
        public bool DirectoryOnly { get; }

        /// <summary>A rule with a '/' other than one trailing '/': matched against the path relative to its .gitignore, not against a bare name.</summary>
        public bool Anchored { get; }

        /// <summary>Where the rule came from, e.g. "sub/.gitignore" or "-Exclude".</summary>
        public string Origin { get; }

        public int LineNumber { get; }

        /// <summary>
        /// Parses one line; null for lines that are no rule (blank, comment, or a rule that can match nothing such as "/"
        /// or "!"). One trailing '\r' (a CRLF file) goes, then trailing spaces not escaped with '\'.
        /// </summary>
        public static GitIgnorePattern? Parse(string line, string origin, int lineNumber)
        {
            if (line == null) throw new ArgumentNullException(nameof(line));
            return Parse(Utf8.GetBytes(line), origin, lineNumber);
        }

        internal static GitIgnorePattern? Parse(byte[] line, string origin, int lineNumber)
        {
            var end = Array.IndexOf(line, (byte)0);
            if (end < 0) end = line.Length; // git reads a line as a C string
            if (end == 0 || line[0] == '#') return null;
            if (line[end - 1] == '\r') end--;
            end = TrimTrailingSpaces(line, end);
            var text = Utf8.GetString(line, 0, end);

            var start = 0;
            var negated = false;
            if (start < end && line[start] == '!')
            {
                negated = true;
                start++;
            }

            var directoryOnly = false;
            if (end > start && line[end - 1] == '/')
            {
                directoryOnly = true;
                end--;
            }

            if (end == start) return null;
            var pattern = new byte[end - start];
            Buffer.BlockCopy(line, start, pattern, 0, pattern.Length);
            return new GitIgnorePattern(text, pattern, negated, directoryOnly, origin, lineNumber);
        }

        /// <param name="relativePath">Forward-slash path relative to the directory holding the rule.</param>
        /// <param name="name">Last segment of the path.</param>
        public bool IsMatch(string relativePath, string name, bool isDirectory)
        {
            if (DirectoryOnly && !isDirectory) return false;
            return Anchored ? MatchPathname(Utf8.GetBytes(relativePath)) : MatchBasename(Utf8.GetBytes(name));
        }

        /// <summary>As <see cref="IsMatch(string, string, bool)"/>, with the path and name already in UTF-8.</summary>
        internal bool IsMatch(byte[] relativePath, byte[] name, bool isDirectory)
        {
            if (DirectoryOnly && !isDirectory) return false;
            return Anchored ? MatchPathname(relativePath) : MatchBasename(name);
        }

        /// <summary>
        /// True when an anchored rule could match something strictly inside <paramref name="directoryPath"/> (used to look inside
        /// excluded folders for -Include). Bare-name rules ("*.js", "dist/") never lead inside an excluded folder: otherwise
        /// "-Include dist/" would have to crawl every node_modules for nested dist folders.
        /// </summary>
        public bool CouldMatchBeneath(string directoryPath)
        {
            if (!Anchored) return false;
            _segments ??= Utf8.GetString(_pattern).TrimStart('/').Split('/');
            var dirSegments = directoryPath.Split('/');
            for (var i = 0; i < dirSegments.Length; i++)
            {
                if (i >= _segments.Length) return false;
                if (_segments[i] == "**") return true;
                if (!WildMatch.IsMatch(Utf8.GetBytes(_segments[i]), 0, Utf8.GetBytes(dirSegments[i]), 0, pathname: true)) return false;
            }

            return _segments.Length > dirSegments.Length;
        }

        public override string ToString() => Text;

        /// <summary>git's match_basename: the whole name, a "*literal" suffix, or wildmatch without the pathname flag.</summary>
        private bool MatchBasename(byte[] name)
        {
            if (_literalPrefixLength == _pattern.Length) return BytesEqual(_pattern, 0, name, 0, name.Length) && name.Length == _pattern.Length;
            if (_endsWith)
            {
                var suffix = _pattern.Length - 1;
                return suffix <= name.Length && BytesEqual(_pattern, 1, name, name.Length - suffix, suffix);
            }
            return WildMatch.IsMatch(_pattern, 0, name, 0, pathname: false);
        }

        /// <summary>git's match_pathname: one leading '/' dropped, the literal prefix compared, the rest wildmatched with the pathname flag.</summary>
        private bool MatchPathname(byte[] path)
        {
            var patternStart = 0;
            var prefix = _literalPrefixLength;
            if (_pattern[0] == '/')
            {
                patternStart = 1;
                prefix--;
            }

            var pathStart = 0;
            if (prefix > 0)
            {
                if (prefix > path.Length || !BytesEqual(_pattern, patternStart, path, 0, prefix)) return false;
                patternStart += prefix;
                pathStart = prefix;
                if (patternStart == _pattern.Length && pathStart == path.Length) return true;
            }

            // The rest is matched as its own pattern, exactly as git does (it matters for a "**" right after the prefix).
            var rest = _pattern;
            if (patternStart > 0)
            {
                rest = new byte[_pattern.Length - patternStart];
                Buffer.BlockCopy(_pattern, patternStart, rest, 0, rest.Length);
            }
            return WildMatch.IsMatch(rest, 0, path, pathStart, pathname: true);
        }

        private static bool BytesEqual(byte[] a, int aStart, byte[] b, int bStart, int count)
        {
            if (aStart + count > a.Length || bStart + count > b.Length) return false;
            for (var i = 0; i < count; i++)
            {
                if (a[aStart + i] != b[bStart + i]) return false;
            }
            return true;
        }

        /// <summary>git's simple_length: bytes before the first glob special character.</summary>
        private static int LiteralPrefixLength(byte[] pattern, int start)
        {
            var i = start;
            while (i < pattern.Length && !WildMatch.IsGlobSpecial(pattern[i])) i++;
            return i - start;
        }

        /// <summary>git's trim_trailing_spaces: drops the run of spaces at the end unless a '\' escapes its first space.</summary>
        private static int TrimTrailingSpaces(byte[] line, int end)
        {
            var lastSpace = -1;
            for (var i = 0; i < end; i++)
            {
                switch (line[i])
                {
                    case (byte)' ':
                        if (lastSpace < 0) lastSpace = i;
                        break;
                    case (byte)'\\':
                        i++;
                        if (i >= end) return end;
                        lastSpace = -1;
                        break;
                    default:
                        lastSpace = -1;
                        break;
                }
            }
            return lastSpace < 0 ? end : lastSpace;
        }
    }
}
