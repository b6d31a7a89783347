namespace CreateOs.Core.Packaging
{
    /// <summary>
    /// git's wildmatch (wildmatch.c, git 2.39), byte for byte over UTF-8: <c>*</c>, <c>?</c>, <c>[...]</c> with ranges,
    /// <c>!</c>/<c>^</c> negation and POSIX classes, backslash escapes, and with <see cref="IsMatch"/>'s pathname flag
    /// (git's WM_PATHNAME) wildcards that never cross '/' except a <c>**</c> between slashes. Like git it works on bytes,
    /// so <c>?</c> matches one byte of a multi-byte character, and an unclosed '[' makes the whole pattern fail.
    /// </summary>
    internal static class WildMatch
    {
        private const int Match = 0;
        private const int NoMatch = 1;
        private const int AbortAll = -1;
        private const int AbortToStarStar = -2;

        /// <summary>Whether <paramref name="text"/>[textStart..] matches <paramref name="pattern"/>[patternStart..].</summary>
        public static bool IsMatch(byte[] pattern, int patternStart, byte[] text, int textStart, bool pathname) =>
            DoWild(pattern, patternStart, text, textStart, pathname) == Match;

        /// <summary>'*', '?', '[' and '\': the characters git's glob treats specially (sane_ctype GIT_GLOB_SPECIAL).</summary>
        public static bool IsGlobSpecial(byte c) => c == '*' || c == '?' || c == '[' || c == '\\';

        private static byte At(byte[] bytes, int index) => index < bytes.Length ? bytes[index] : (byte)0;

        private static int DoWild(byte[] p, int pi, byte[] text, int ti, bool pathname)
        {
            var patternStart = pi;
            for (; pi < p.Length; ti++, pi++)
            {
                var pCh = p[pi];
                var tCh = At(text, ti);
                if (tCh == 0 && pCh != '*') return AbortAll;
                switch (pCh)
                {
                    case (byte)'\\':
                        // Literal match with the following character (none left: no match).
                        pCh = At(p, ++pi);
                        if (tCh != pCh) return NoMatch;
                        continue;
                    case (byte)'?':
                        if (pathname && tCh == '/') return NoMatch;
                        continue;
                    case (byte)'*':
                    {
                        bool matchSlash;
                        if (At(p, ++pi) == '*')
                        {
                            var previous = pi - 2;
                            while (At(p, ++pi) == '*') { }
                            if (!pathname)
                            {
                                matchSlash = true;
                            }
                            else if ((previous < patternStart || p[previous] == '/')
                                     && (pi == p.Length || p[pi] == '/' || (p[pi] == '\\' && At(p, pi + 1) == '/')))
                            {
                                // "**/" may match no folder at all: try the rest of the pattern right here.
                                if (At(p, pi) == '/' && DoWild(p, pi + 1, text, ti, pathname) == Match) return Match;
                                matchSlash = true;
                            }
                            else
                            {
                                matchSlash = false;
                            }
                        }
                        else
                        {
                            matchSlash = !pathname;
                        }

                        if (pi == p.Length)
                        {
                            // A trailing "**" matches everything; a trailing "*" only what has no more slashes.
                            if (!matchSlash && System.Array.IndexOf(text, (byte)'/', System.Math.Min(ti, text.Length)) >= 0) return NoMatch;
                            return Match;
                        }

                        if (!matchSlash && p[pi] == '/')
                        {
                            // One star followed by a slash matches the rest of this folder name.
                            var slash = System.Array.IndexOf(text, (byte)'/', ti);
                            if (slash < 0) return NoMatch;
                            ti = slash; // the loop consumes the slash on both sides
                            break;
                        }

                        while (true)
                        {
                            if (tCh == 0) break;
                            if (!IsGlobSpecial(p[pi]))
                            {
                                // Skip ahead to the next occurrence of the literal that follows the star.
                                pCh = p[pi];
                                while ((tCh = At(text, ti)) != 0 && (matchSlash || tCh != '/'))
                                {
                                    if (tCh == pCh) break;
                                    ti++;
                                }
                                if (tCh != pCh) return NoMatch;
                            }

                            var matched = DoWild(p, pi, text, ti, pathname);
                            if (matched != NoMatch)
                            {
                                if (!matchSlash || matched != AbortToStarStar) return matched;
                            }
                            else if (!matchSlash && tCh == '/')
                            {
                                return AbortToStarStar;
                            }
                            tCh = At(text, ++ti);
                        }
                        return AbortAll;
                    }
                    case (byte)'[':
                    {
                        var result = MatchClass(p, ref pi, tCh);
                        if (result == AbortAll) return AbortAll;
                        if (result == NoMatch || (pathname && tCh == '/')) return NoMatch;
                        continue;
                    }
                    default:
                        if (tCh != pCh) return NoMatch;
                        continue;
                }
            }
            return ti < text.Length ? NoMatch : Match;
        }

        /// <summary>A bracket expression at <paramref name="pi"/> ('['); leaves <paramref name="pi"/> on its closing ']'.</summary>
        private static int MatchClass(byte[] p, ref int pi, byte tCh)
        {
            var pCh = At(p, ++pi);
            if (pCh == '^') pCh = (byte)'!';
            var negated = pCh == '!';
            if (negated) pCh = At(p, ++pi);
            byte previous = 0;
            var matched = false;
            while (true)
            {
                if (pCh == 0) return AbortAll;
                if (pCh == '\\')
                {
                    pCh = At(p, ++pi);
                    if (pCh == 0) return AbortAll;
                    if (tCh == pCh) matched = true;
                }
                else if (pCh == '-' && previous != 0 && At(p, pi + 1) != 0 && At(p, pi + 1) != ']')
                {
                    pCh = At(p, ++pi);
                    if (pCh == '\\')
                    {
                        pCh = At(p, ++pi);
                        if (pCh == 0) return AbortAll;
                    }
                    if (tCh <= pCh && tCh >= previous) matched = true;
                    pCh = 0; // a range ends: the next '-' is literal
                }
                else if (pCh == '[' && At(p, pi + 1) == ':')
                {
                    var start = pi + 2;
                    for (pi = start; (pCh = At(p, pi)) != 0 && pCh != ']'; pi++) { }
                    if (pCh == 0) return AbortAll;
                    var length = pi - start - 1;
                    if (length < 0 || p[pi - 1] != ':')
                    {
                        // No ":]": the '[' was an ordinary member.
                        pi = start - 2;
                        pCh = (byte)'[';
                        if (tCh == pCh) matched = true;
                    }
                    else
                    {
                        var name = System.Text.Encoding.ASCII.GetString(p, start, length);
                        var inClass = InPosixClass(name, tCh);
                        if (inClass is null) return AbortAll; // malformed [:class:]
                        if (inClass.Value) matched = true;
                        pCh = 0;
                    }
                }
                else if (tCh == pCh)
                {
                    matched = true;
                }

                previous = pCh;
                pCh = At(p, ++pi);
                if (pCh == ']') break;
            }
            return matched == negated ? NoMatch : Match;
        }

        /// <summary>git's ctype (ASCII only: no byte of a multi-byte character is in any class); null for an unknown class.</summary>
        private static bool? InPosixClass(string name, byte c)
        {
            var upper = c >= 'A' && c <= 'Z';
            var lower = c >= 'a' && c <= 'z';
            var digit = c >= '0' && c <= '9';
            switch (name)
            {
                case "alnum": return upper || lower || digit;
                case "alpha": return upper || lower;
                case "blank": return c == ' ' || c == '\t';
                case "cntrl": return c < 0x20 || c == 0x7f;
                case "digit": return digit;
                case "graph": return c > 0x20 && c < 0x7f;
                case "lower": return lower;
                case "print": return c >= 0x20 && c < 0x7f;
                case "punct": return c > 0x20 && c < 0x7f && !upper && !lower && !digit;
                case "space": return c == ' ' || c == '\t' || c == '\n' || c == '\r';
                case "upper": return upper;
                case "xdigit": return digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
                default: return null;
            }
        }
    }
}
