using System;

namespace CreateOs.Core.Packaging
{
    /// <summary>Counts bytes and reports at file boundaries and every 4 MB, so progress stays cheap.</summary>
    internal sealed class ProgressTracker
    {
        private const long ReportEveryBytes = 4L * 1024 * 1024;
        private readonly IProgress<PackProgress>? _progress;
        private readonly PackStage _stage;
        private readonly long _total;
        private long _done;
        private long _lastReported = -1;

        public ProgressTracker(IProgress<PackProgress>? progress, PackStage stage, long total)
        {
            _progress = progress;
            _stage = stage;
            _total = total;
        }

        public void StartFile(string? path) => Report(path, force: true);

        public void Add(long bytes, string? path)
        {
            _done += bytes;
            if (_done - _lastReported >= ReportEveryBytes) Report(path, force: true);
        }

        public void Complete() => Report(null, force: _lastReported != _done);

        private void Report(string? path, bool force)
        {
            if (_progress == null || !force) return;
            _lastReported = _done;
            _progress.Report(new PackProgress(_stage, _done, _total, path));
        }
    }
}
