namespace CreateOs.Core.Packaging
{
    /// <summary>Why a path was left out of the upload.</summary>
    public enum ExclusionKind
    {
        /// <summary>
        /// A secret (key, credentials, wallet keystore, .env): never uploaded because of .gitignore or -Include patterns; only
        /// -Include naming the exact path re-admits one, and never a wallet keystore.
        /// </summary>
        Secret,

        /// <summary>One of the platform's documented exclusions (node_modules/, dist/, build/, .next/, .env, .git/, __pycache__/, venv/).</summary>
        DefaultExclusion,

        /// <summary>Editor or coding-agent state (.vscode, .idea, .claude, .DS_Store, ...).</summary>
        EditorTooling,

        /// <summary>Matched a rule of a .gitignore file in the folder.</summary>
        GitIgnore,

        /// <summary>Matched one of the caller's exclusion patterns.</summary>
        UserExclusion,

        /// <summary>A symbolic link whose target does not exist, or a loop of links (a link to itself).</summary>
        BrokenSymlink,

        /// <summary>A directory symbolic link pointing at one of its own ancestors.</summary>
        SymlinkCycle,

        /// <summary>A name holding a line break or another control character, or one that is not valid UTF-8: never uploaded.</summary>
        InvalidName,

        /// <summary>A named pipe, socket or device file: not a regular file, never opened (reading one can block forever).</summary>
        NotARegularFile,
    }
}
