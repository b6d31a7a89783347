using System.Net;
using System.Text;

namespace CreateOs.Core.Tests.Http;

/// <summary>
/// A response body made up on the fly, as long as a hostile server likes (hundreds of megabytes, or endless), without
/// ever existing in memory here. <see cref="Produced"/> says how much the client actually pulled, which proves a cap
/// applies while streaming rather than after buffering.
/// </summary>
internal sealed class HostileContent : HttpContent
{
    private readonly byte[] _head;
    private readonly byte[] _repeat;
    private readonly byte[] _tail;
    private readonly long _repeatCount;
    private readonly bool _declareLength;
    private readonly bool _stallAfterHead;

    private HostileContent(string head, string repeat, long repeatCount, string tail, bool declareLength, bool stallAfterHead)
    {
        _head = Encoding.UTF8.GetBytes(head);
        _repeat = Encoding.UTF8.GetBytes(repeat);
        _tail = Encoding.UTF8.GetBytes(tail);
        _repeatCount = repeatCount;
        _declareLength = declareLength;
        _stallAfterHead = stallAfterHead;
        Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
    }

    public long Produced => _counter?.Produced ?? 0;
    public long Length => _head.Length + _repeat.Length * _repeatCount + _tail.Length;
    private CountingStream? _counter;

    /// <summary><paramref name="head"/>, then <paramref name="repeat"/> <paramref name="repeatCount"/> times (long.MaxValue: endless), then <paramref name="tail"/>.</summary>
    public static HostileContent Of(string head, string repeat, long repeatCount, string tail = "", bool declareLength = false) =>
        new(head, repeat, repeatCount, tail, declareLength, stallAfterHead: false);

    /// <summary>Sends <paramref name="head"/>, then never another byte (until the reader gives up).</summary>
    public static HostileContent Stalling(string head) => new(head, "", 0, "", declareLength: false, stallAfterHead: true);

    public static HttpResponseMessage Response(int status, HostileContent content) => new((HttpStatusCode)status) { Content = content };

    protected override Task<Stream> CreateContentReadStreamAsync()
    {
        _counter = new CountingStream(this);
        return Task.FromResult<Stream>(_counter);
    }

    /// <summary>How a client that buffers the whole answer reads it: everything is produced (and counted).</summary>
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        _counter = new CountingStream(this);
        await _counter.CopyToAsync(stream, 81920);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _declareLength ? Length : 0;
        return _declareLength;
    }

    private sealed class CountingStream : Stream
    {
        private readonly HostileContent _content;
        private long _position;

        public CountingStream(HostileContent content) => _content = content;

        public long Produced => _position;

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            if (_content._stallAfterHead && _position >= _content._head.Length)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            var written = 0;
            while (written < count)
            {
                var b = ByteAt(_position);
                if (b < 0) break;
                buffer[offset + written++] = (byte)b;
                _position++;
            }
            return written;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var array = new byte[buffer.Length];
            return new ValueTask<int>(ReadAsync(array, 0, array.Length, cancellationToken).ContinueWith(t =>
            {
                array.AsSpan(0, t.Result).CopyTo(buffer.Span);
                return t.Result;
            }, cancellationToken, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default));
        }

        private int ByteAt(long position)
        {
            var head = _content._head;
            if (position < head.Length) return head[position];
            position -= head.Length;
            var repeat = _content._repeat;
            if (repeat.Length > 0 && (_content._repeatCount == long.MaxValue || position < repeat.Length * _content._repeatCount))
                return repeat[position % repeat.Length];
            position -= repeat.Length * _content._repeatCount;
            return position < _content._tail.Length ? _content._tail[position] : -1;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
