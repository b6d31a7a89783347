using System.Collections.Generic;

namespace CreateOs.Core.Packaging
{
    /// <summary>What <see cref="KeystoreJsonScanner"/> found in a JSON text.</summary>
    internal enum JsonSecret
    {
        None,

        /// <summary>An object with a <c>crypto</c> member (any case) whose object holds <c>ciphertext</c> and <c>kdf</c>: a wallet keystore.</summary>
        Keystore,

        /// <summary>A string value holding a PEM private key (<c>PRIVATE KEY-----</c>), as cloud service-account keys do.</summary>
        PrivateKey,
    }

    /// <summary>
    /// Finds wallet keystores and embedded private keys in JSON fed one character at a time: at any nesting depth, in any
    /// number of top-level values (JSON Lines), inside JSON encoded as a string value (<c>{"keystore":"{\"crypto\":…}"}</c>),
    /// and in the relaxed JSON that Newtonsoft (and so our own keystore reader) accepts: comments, single quotes, unquoted
    /// names, trailing garbage. It never fails on malformed input and keeps O(1) memory: a depth counter, the open
    /// <c>crypto</c> objects (at most <see cref="MaxOpenCryptoObjects"/>; more is treated as a keystore) and 10 characters
    /// of the current member name.
    /// </summary>
    internal sealed class KeystoreJsonScanner
    {
        /// <summary>No keystore nests <c>crypto</c> objects inside each other; beyond this many open at once the file is excluded as one.</summary>
        public const int MaxOpenCryptoObjects = 1024;

        private const int MaxNestedStrings = 3;
        private const int LongestName = 10; // "ciphertext"
        private const string PrivateKeyMarker = "PRIVATE KEY-----";
        private const int HasCiphertext = 1, HasKdf = 2;

        private readonly int _stringNesting;
        private readonly List<long> _cryptoObjects = new List<long>(); // depth * 4 + flags of each open crypto object
        private readonly char[] _name = new char[LongestName];
        private long _depth;
        private int _nameLength;
        private bool _nameTooLong;
        private bool _haveName; // a string or bare word just ended: a ':' would make it a member name
        private bool _cryptoValueNext; // "crypto": seen, its value not started yet
        private bool _inString;
        private char _quote;
        private int _escape; // 0 none, 1 after '\', 2..5 inside \uXXXX
        private int _unicode;
        private bool _inWord;
        private int _comment; // 0 none, 1 after '/', 2 line comment, 3 block comment, 4 block comment after '*'
        private int _markerMatched;
        private KeystoreJsonScanner? _inner; // JSON inside the current string value
        private bool _innerDecided;

        public KeystoreJsonScanner()
            : this(0)
        {
        }

        private KeystoreJsonScanner(int stringNesting) => _stringNesting = stringNesting;

        public JsonSecret Found { get; private set; }

        public void Feed(char c)
        {
            if (Found != JsonSecret.None) return;
            if (_inString)
            {
                FeedString(c);
                return;
            }

            if (_comment != 0 && FeedComment(c)) return;
            if (_inWord)
            {
                if (IsWordChar(c))
                {
                    AddNameChar(c);
                    return;
                }

                _inWord = false;
                _haveName = true;
            }

            switch (c)
            {
                case ' ':
                case '\t':
                case '\r':
                case '\n':
                case '\uFEFF':
                    return;
                case '/':
                    _comment = 1;
                    return;
                case '"':
                case '\'':
                    StartName();
                    _inString = true;
                    _quote = c;
                    _inner = null;
                    _innerDecided = _stringNesting >= MaxNestedStrings;
                    _markerMatched = 0;
                    return;
                case ':':
                    if (_haveName) OnMemberName();
                    _haveName = false;
                    return;
                case '{':
                    if (_cryptoValueNext)
                    {
                        if (_cryptoObjects.Count >= MaxOpenCryptoObjects)
                        {
                            Found = JsonSecret.Keystore;
                            return;
                        }

                        _cryptoObjects.Add((_depth + 1) * 4);
                    }

                    _depth++;
                    ResetValueState();
                    return;
                case '[':
                    _depth++;
                    ResetValueState();
                    return;
                case '}':
                case ']':
                    if (_cryptoObjects.Count > 0 && _cryptoObjects[_cryptoObjects.Count - 1] >> 2 == _depth) _cryptoObjects.RemoveAt(_cryptoObjects.Count - 1);
                    if (_depth > 0) _depth--;
                    ResetValueState();
                    return;
                default:
                    ResetValueState();
                    if (IsWordChar(c))
                    {
                        StartName();
                        _inWord = true;
                        AddNameChar(c);
                    }

                    return;
            }
        }

        private void ResetValueState()
        {
            _haveName = false;
            _cryptoValueNext = false;
        }

        private void StartName()
        {
            _haveName = false;
            _cryptoValueNext = false;
            _nameLength = 0;
            _nameTooLong = false;
        }

        private void AddNameChar(char c)
        {
            if (_nameLength == LongestName)
            {
                _nameTooLong = true;
                return;
            }

            _name[_nameLength++] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
        }

        private void OnMemberName()
        {
            if (_nameTooLong) return;
            if (NameIs("crypto"))
            {
                _cryptoValueNext = true;
                return;
            }

            var flag = NameIs("ciphertext") ? HasCiphertext : NameIs("kdf") ? HasKdf : 0;
            if (flag == 0 || _cryptoObjects.Count == 0) return;
            var top = _cryptoObjects[_cryptoObjects.Count - 1];
            if (top >> 2 != _depth) return; // a member of something nested inside the crypto object
            top |= (long)flag;
            _cryptoObjects[_cryptoObjects.Count - 1] = top;
            if ((top & (HasCiphertext | HasKdf)) == (HasCiphertext | HasKdf)) Found = JsonSecret.Keystore;
        }

        private bool NameIs(string name)
        {
            if (_nameLength != name.Length) return false;
            for (var i = 0; i < name.Length; i++)
            {
                if (_name[i] != name[i]) return false;
            }

            return true;
        }

        private void FeedString(char c)
        {
            if (_escape == 1)
            {
                _escape = 0;
                switch (c)
                {
                    case 'u':
                        _escape = 2;
                        _unicode = 0;
                        return;
                    case 'n': OnStringChar('\n'); return;
                    case 't': OnStringChar('\t'); return;
                    case 'r': OnStringChar('\r'); return;
                    case 'b': OnStringChar('\b'); return;
                    case 'f': OnStringChar('\f'); return;
                    default: OnStringChar(c); return;
                }
            }

            if (_escape >= 2)
            {
                var digit = HexValue(c);
                if (digit < 0)
                {
                    _escape = 0;
                    OnStringChar(c);
                    return;
                }

                _unicode = (_unicode << 4) | digit;
                if (++_escape == 6)
                {
                    _escape = 0;
                    OnStringChar((char)_unicode);
                }

                return;
            }

            if (c == '\\')
            {
                _escape = 1;
                return;
            }

            if (c == _quote)
            {
                _inString = false;
                _haveName = true;
                if (_inner != null && _inner.Found != JsonSecret.None) Found = _inner.Found;
                _inner = null;
                return;
            }

            OnStringChar(c);
        }

        private void OnStringChar(char c)
        {
            AddNameChar(c);
            _markerMatched = c == PrivateKeyMarker[_markerMatched] ? _markerMatched + 1 : (c == PrivateKeyMarker[0] ? 1 : 0);
            if (_markerMatched == PrivateKeyMarker.Length)
            {
                Found = JsonSecret.PrivateKey;
                return;
            }

            if (!_innerDecided)
            {
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return;
                _innerDecided = true;
                if (c != '{' && c != '[') return;
                _inner = new KeystoreJsonScanner(_stringNesting + 1);
            }

            if (_inner == null) return;
            _inner.Feed(c);
            if (_inner.Found != JsonSecret.None) Found = _inner.Found;
        }

        /// <summary>Returns true when <paramref name="c"/> was consumed by a comment.</summary>
        private bool FeedComment(char c)
        {
            switch (_comment)
            {
                case 1:
                    _comment = c == '/' ? 2 : c == '*' ? 3 : 0;
                    return _comment != 0;
                case 2:
                    if (c == '\n' || c == '\r') _comment = 0;
                    return true;
                case 3:
                    if (c == '*') _comment = 4;
                    return true;
                default:
                    _comment = c == '/' ? 0 : c == '*' ? 4 : 3;
                    return true;
            }
        }

        private static bool IsWordChar(char c) =>
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$';

        private static int HexValue(char c) =>
            c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
