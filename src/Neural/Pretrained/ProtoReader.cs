// A minimal reader of the protocol-buffers wire format (https://protobuf.dev/programming-guides/encoding/),
// enough to walk an ONNX ModelProto without a code generator or a runtime dependency: varints, 32- and
// 64-bit fixed fields, length-delimited fields (sub-messages, strings, bytes, packed repeated scalars).
// It reads a byte array in place; a truncated or malformed field gives an InvalidDataException that
// says where, never an index error.
namespace MlNetAttention.Neural.Pretrained;

internal struct ProtoReader
{
    public const int WireVarint = 0, WireFixed64 = 1, WireLengthDelimited = 2, WireFixed32 = 5;

    private readonly byte[] _data;
    private readonly int _end;
    private int _position;

    public ProtoReader(byte[] data, int start, int length)
    {
        if (start < 0 || length < 0 || start > data.Length - length)
            throw new InvalidDataException($"protobuf range [{start}, {start}+{length}) is outside the {data.Length}-byte buffer.");
        _data = data;
        _position = start;
        _end = start + length;
    }

    public ProtoReader(byte[] data) : this(data, 0, data.Length) { }

    public readonly byte[] Buffer => _data;

    /// <summary>Reads the next field's tag; false at the end of the message.</summary>
    public bool Next(out int field, out int wireType)
    {
        if (_position >= _end)
        {
            field = 0;
            wireType = 0;
            return false;
        }
        ulong tag = ReadVarint();
        field = checked((int)(tag >> 3));
        wireType = (int)(tag & 7);
        if (field == 0) throw new InvalidDataException($"protobuf field number 0 at byte {_position}.");
        return true;
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _end) throw new InvalidDataException($"protobuf varint runs past the end of its message (byte {_position}).");
            byte b = _data[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw new InvalidDataException($"protobuf varint longer than 10 bytes at byte {_position}.");
    }

    public uint ReadFixed32()
    {
        Require(4);
        uint value = BitConverter.ToUInt32(_data, _position);
        _position += 4;
        return value;
    }

    public ulong ReadFixed64()
    {
        Require(8);
        ulong value = BitConverter.ToUInt64(_data, _position);
        _position += 8;
        return value;
    }

    /// <summary>A length-delimited field as (start, length) in <see cref="Buffer"/>.</summary>
    public (int Start, int Length) ReadLengthDelimited()
    {
        ulong length = ReadVarint();
        if (length > (ulong)(_end - _position))
            throw new InvalidDataException($"protobuf field of {length} bytes runs past the end of its message (byte {_position}).");
        int start = _position;
        _position += (int)length;
        return (start, (int)length);
    }

    public ProtoReader ReadMessage()
    {
        var (start, length) = ReadLengthDelimited();
        return new ProtoReader(_data, start, length);
    }

    public string ReadString()
    {
        var (start, length) = ReadLengthDelimited();
        return System.Text.Encoding.UTF8.GetString(_data, start, length);
    }

    /// <summary>Skips a field of the given wire type (groups, deprecated, are refused).</summary>
    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case WireVarint: ReadVarint(); break;
            case WireFixed64: Require(8); _position += 8; break;
            case WireLengthDelimited: ReadLengthDelimited(); break;
            case WireFixed32: Require(4); _position += 4; break;
            default: throw new InvalidDataException($"protobuf wire type {wireType} is not supported (byte {_position}).");
        }
    }

    /// <summary>Appends a repeated varint field, packed (wire type 2) or not.</summary>
    public void ReadVarints(int wireType, List<long> into)
    {
        if (wireType == WireVarint)
        {
            into.Add((long)ReadVarint());
            return;
        }
        var packed = ReadMessage();
        while (packed._position < packed._end) into.Add((long)packed.ReadVarint());
    }

    private readonly void Require(int bytes)
    {
        if (_end - _position < bytes)
            throw new InvalidDataException($"protobuf fixed field of {bytes} bytes runs past the end of its message (byte {_position}).");
    }
}
