package provider

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// logSubsystem is the tflog subsystem of the API client: its lines carry
// @module=eightxeight.client and follow TF_LOG_PROVIDER_EIGHTXEIGHT_CLIENT.
const logSubsystem = "client"

// secretFieldKeys are log field names whose values are always masked.
var secretFieldKeys = []string{
	"api_key", "authorization", "Authorization",
	"http_authorization", "httpAuthorization", "client_secret", "clientSecret",
}

// secretPatterns mask bearer tokens in any log line.
var secretPatterns = []*regexp.Regexp{
	regexp.MustCompile(`(?i)Bearer\s+[A-Za-z0-9._~+/=-]+`),
}

// withLogMasking returns ctx with the client subsystem set up and every
// secret the provider knows masked, in the provider's root logger and in
// the subsystem, at every level: fields named like secrets, bearer tokens
// and the API key as it is. What the client logs of the server's text it
// has already masked in every form (client's redactor), in time linear in
// the text; the log's masks are cheap ones, for every line.
func withLogMasking(ctx context.Context, apiKey string) context.Context {
	ctx = tflog.NewSubsystem(ctx, logSubsystem, tflog.WithAdditionalLocationOffset(1),
		tflog.WithLevelFromEnv("TF_LOG_PROVIDER_EIGHTXEIGHT", logSubsystem))
	ctx = tflog.MaskFieldValuesWithFieldKeys(ctx, secretFieldKeys...)
	ctx = tflog.SubsystemMaskFieldValuesWithFieldKeys(ctx, logSubsystem, secretFieldKeys...)
	ctx = tflog.MaskAllFieldValuesRegexes(ctx, secretPatterns...)
	ctx = tflog.MaskMessageRegexes(ctx, secretPatterns...)
	ctx = tflog.SubsystemMaskAllFieldValuesRegexes(ctx, logSubsystem, secretPatterns...)
	ctx = tflog.SubsystemMaskMessageRegexes(ctx, logSubsystem, secretPatterns...)
	if apiKey != "" {
		ctx = tflog.MaskAllFieldValuesStrings(ctx, apiKey)
		ctx = tflog.MaskMessageStrings(ctx, apiKey)
		ctx = tflog.SubsystemMaskAllFieldValuesStrings(ctx, logSubsystem, apiKey)
		ctx = tflog.SubsystemMaskMessageStrings(ctx, logSubsystem, apiKey)
	}
	return ctx
}

// clientLogger hands the API client's log lines to tflog's client subsystem.
type clientLogger struct{}

func (clientLogger) Debug(ctx context.Context, msg string, fields map[string]any) {
	tflog.SubsystemDebug(ctx, logSubsystem, msg, fields)
}

func (clientLogger) Trace(ctx context.Context, msg string, fields map[string]any) {
	tflog.SubsystemTrace(ctx, logSubsystem, msg, fields)
}
