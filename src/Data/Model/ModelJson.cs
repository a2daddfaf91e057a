// The JSON settings of every JSON entry in a model file (camelCase, indented so a model can be
// inspected with `unzip -p model.zip manifest.json`).
using System.Text.Json;

namespace MlNetAttention.Data;

internal static class ModelJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
    };
}
