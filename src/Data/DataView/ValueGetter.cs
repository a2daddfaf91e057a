// The typed getter delegate of ML.NET: a cursor hands one out per column, and each call writes the
// current row's value into the caller's variable (by ref, so vector buffers can be reused).
namespace MlNetAttention;

/// <summary>Writes the current row's value of one column into <paramref name="value"/>.</summary>
public delegate void ValueGetter<TValue>(ref TValue value);
