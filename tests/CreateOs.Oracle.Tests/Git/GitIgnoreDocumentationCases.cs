namespace CreateOs.Oracle.Tests.Git;

/// <summary>The examples and rules of gitignore(5) ("PATTERN FORMAT", "EXAMPLES"), each as a folder git and the packer judge.</summary>
internal static class GitIgnoreDocumentationCases
{
    public static IReadOnlyList<GitIgnoreCase> All { get; } = new List<GitIgnoreCase>
    {
        // "A blank line matches no files"; "A line starting with # serves as a comment"; "\#" for a leading hash.
        Case("comments-and-blank-lines", new[] { "#file", "file", "x" }, ("", "\n# file\n\n\\#file\n")),
        // "Trailing spaces are ignored unless they are quoted with backslash".
        Case("trailing-spaces", new[] { "a", "a ", "b ", "b", "c  " }, ("", "a   \nb\\ \nc\\ \\ \n")),
        // "An optional prefix ! which negates the pattern"; "\!" for a literal leading "!".
        Case("negation", new[] { "a.log", "keep.log", "!important!.txt", "important!.txt" }, ("", "*.log\n!keep.log\n\\!important!.txt\n")),
        // "It is not possible to re-include a file if a parent directory of that file is excluded."
        Case("no-reinclude-under-excluded-folder", new[] { "foo/bar.txt", "foo/baz.txt", "keep/bar.txt" }, ("", "foo/\n!foo/bar.txt\n")),
        // The EXAMPLES section: exclude everything except directory foo/bar.
        Case("everything-but-foo-bar", new[] { "top.txt", "foo/x.txt", "foo/bar/y.txt", "foo/bar/deep/z.txt", "other/foo/bar/w.txt" },
            ("", "# exclude everything except directory foo/bar\n/*\n!/foo\n/foo/*\n!/foo/bar\n")),
        // "foo/ will match a directory foo and paths underneath it, but will not match a regular file ... foo".
        Case("directory-only", new[] { "foo", "sub/foo/x", "bar/foo" }, ("", "foo/\n")),
        // "doc/frotz/ matches doc/frotz directory, but not a/doc/frotz directory; frotz/ matches frotz and a/frotz".
        Case("middle-slash-anchors", new[] { "doc/frotz/x", "a/doc/frotz/x", "frotz/y", "a/frotz/y" }, ("", "doc/frotz/\nfrotz/\n")),
        // "The pattern doc/frotz and /doc/frotz have the same effect in any .gitignore file."
        Case("leading-slash-with-middle-slash", new[] { "doc/frotz", "a/doc/frotz", "doc/other" }, ("", "doc/frotz\n"), ("a", "/doc/frotz\n")),
        // "Documentation/*.html matches Documentation/git.html but not Documentation/ppc/ppc.html or tools/perf/Documentation/perf.html".
        Case("star-does-not-cross-slash", new[] { "Documentation/git.html", "Documentation/ppc/ppc.html", "tools/perf/Documentation/perf.html" },
            ("", "Documentation/*.html\n")),
        // "/*.c matches cat-file.c but not mozilla-sha1/sha1.c".
        Case("leading-slash-anchors", new[] { "cat-file.c", "mozilla-sha1/sha1.c" }, ("", "/*.c\n")),
        // "hello.* matches any file or directory whose name begins with hello." at any level.
        Case("no-slash-matches-at-any-level", new[] { "hello.txt", "a/hello.c", "a/b/hello.d/x", "hellox" }, ("", "hello.*\n")),
        // "foo/*" matches foo/test.json and foo/bar (a directory), not foo/bar/hello.c by itself.
        Case("star-after-slash", new[] { "foo/test.json", "foo/bar/hello.c", "foo.c" }, ("", "foo/*\n!foo/bar/hello.c\n")),
        // "**/foo matches file or directory foo anywhere"; "**/foo/bar matches bar anywhere directly under foo".
        Case("leading-double-star", new[] { "b/foo", "a/foo", "a/b/foo/x", "foo/bar", "x/foo/bar", "x/foo/y/bar" }, ("", "**/foo/bar\n**/foo\n!**/foo/bar\n")),
        // "abc/** matches all files inside directory abc, relative to the location of the .gitignore file, with infinite depth."
        Case("trailing-double-star", new[] { "abc/x", "abc/d/e/f", "abcd", "x/abc/y" }, ("", "abc/**\n")),
        // "a/**/b matches a/b, a/x/b, a/x/y/b and so on."
        Case("middle-double-star", new[] { "a/b", "a/x/b", "a/x/y/b", "a/bb", "c/a/b" }, ("", "a/**/b\n")),
        // "Other consecutive asterisks are considered regular asterisks".
        Case("other-double-stars", new[] { "ab", "a/b", "axb", "a/x/b", "x**y", "xzy" }, ("", "a**b\nx***y\n")),
        // "? matches any one character except /"; "[a-zA-Z] can be used to match one of the characters in a range".
        Case("question-mark-and-ranges", new[] { "a1", "b2", "ab", "a/b", "Z9", "z9" }, ("", "a?\n[A-Z][0-9]\n")),
        // Character classes as fnmatch(3) and git's wildmatch have them.
        Case("character-classes", new[] { "a", "B", "1", "-", "]", "!", "^", "x" }, ("", "[[:upper:]]\n[[:digit:]]\n[]]\n[!a-zB1-]\n")),
        Case("negated-classes", new[] { "a", "b", "c", "!", "^" }, ("", "[!a]\n!b\n[^c]\n")),
        // An unclosed [ makes the pattern match nothing in git's wildmatch.
        Case("unclosed-bracket", new[] { "a[b", "a", "[" }, ("", "a[b\n[\n")),
        // A reversed range matches nothing.
        Case("reversed-range", new[] { "a", "m", "z" }, ("", "[z-a]\n")),
        // Patterns in lower-level .gitignore files override those in higher-level files.
        Case("deeper-file-wins", new[] { "a.log", "sub/a.log", "sub/b.log", "sub/deeper/c.log" }, ("", "*.log\n"), ("sub", "!a.log\n"), ("sub/deeper", "!*.log\n")),
        // A re-include in a deeper .gitignore cannot reach into a folder excluded above it.
        Case("deeper-file-cannot-reinclude-excluded-folder", new[] { "sub/x.txt", "sub/.keep" }, ("", "sub/\n"), ("sub", "!x.txt\n")),
        // Matching is case-sensitive (core.ignoreCase=false, git's default on Linux).
        Case("case-sensitive", new[] { "Readme.MD", "readme.md", "README.md" }, ("", "readme.md\n")),
        // CRLF line endings and a UTF-8 byte order mark.
        Case("crlf-and-bom", new[] { "a", "b", "c" }, ("", "\uFEFFa\r\nb\r\n")),
        // A .gitignore can ignore itself.
        Case("ignores-itself", new[] { "x" }, ("", ".gitignore\n")),
        // A trailing backslash matches nothing.
        Case("trailing-backslash", new[] { "a", "b" }, ("", "a\\\n")),
    };

    private static GitIgnoreCase Case(string name, string[] files, params (string Folder, string Content)[] gitIgnores) =>
        new("doc-" + name, files, gitIgnores.ToDictionary(g => g.Folder, g => g.Content, StringComparer.Ordinal));
}
