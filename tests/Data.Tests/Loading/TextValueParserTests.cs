// TextValueParser on single fields, one number type at a time: invariant-culture values with
// surrounding spaces, the missing value for empty and "?" fields (NaN for floats, 0 for integers),
// and the failure message naming the type for text, out-of-range and wrong-style values.
namespace MlNetAttention.Data.Tests.Loading;

public sealed class TextValueParserTests
{
    private static (string? Error, T Value) Parse<T>(PrimitiveDataViewType type, string field)
    {
        var parse = Assert.IsType<TextValueParser.Parser<T>>(TextValueParser.For(type));
        string? error = parse(field.AsMemory(), out T value);
        return (error, value);
    }

    [Fact]
    public void FloatsParseInvariantlyAndMissingIsNaN()
    {
        Assert.Equal((null, -1.5e3f), Parse<float>(NumberDataViewType.Single, " -1.5E3 "));
        Assert.Equal((null, 0.1), Parse<double>(NumberDataViewType.Double, "0.1"));
        Assert.True(float.IsNaN(Parse<float>(NumberDataViewType.Single, "").Value));
        Assert.True(double.IsNaN(Parse<double>(NumberDataViewType.Double, " ? ").Value));
        Assert.Equal("is not a valid Single", Parse<float>(NumberDataViewType.Single, "1,5").Error);
        Assert.Equal("is not a valid Double", Parse<double>(NumberDataViewType.Double, "abc").Error);
    }

    [Fact]
    public void IntegersParseInRangeAndMissingIsZero()
    {
        Assert.Equal((null, -7), Parse<int>(NumberDataViewType.Int32, " -7"));
        Assert.Equal((null, 9_000_000_000L), Parse<long>(NumberDataViewType.Int64, "9000000000"));
        Assert.Equal((null, 4_000_000_000u), Parse<uint>(NumberDataViewType.UInt32, "4000000000"));
        Assert.Equal((null, 0), Parse<int>(NumberDataViewType.Int32, "?"));
        Assert.Equal((null, 0u), Parse<uint>(NumberDataViewType.UInt32, "  "));
        Assert.Equal("is not a valid Int32", Parse<int>(NumberDataViewType.Int32, "2147483648").Error);
        Assert.Equal("is not a valid Int32", Parse<int>(NumberDataViewType.Int32, "1.5").Error);
        Assert.Equal("is not a valid Int64", Parse<long>(NumberDataViewType.Int64, "1e3").Error);
        Assert.Equal("is not a valid UInt32", Parse<uint>(NumberDataViewType.UInt32, "-1").Error);
    }
}
