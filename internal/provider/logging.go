package provider

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/client"
)

// logSubsystem is the tflog subsystem of the API client: its lines carry
// @module=eightxeight.client and follow TF_LOG_PROVIDER_EIGHTXEIGHT_CLIENT.
const logSubsystem = "client"

// secretFieldKeys are log field names whose values are always masked.
var secretFieldKeys = []string{
	"api_key", "authorization", "Authorization",
	"http_authorization", "httpAuthorization", "client_secret", "clientSecret",
}

// secretPatterns mask secrets inside text such as bodies: the values of
// 8x8's secret fields (the client's own pattern, which also masks a value
// cut short) and bearer tokens.
var secretPatterns = []*regexp.Regexp{
	client.SecretFieldPattern,
	regexp.MustCompile(`(?i)Bearer\s+[A-Za-z0-9._~+/=-]+`),
}

// withLogMasking returns ctx with the client subsystem set up and every
// secret the provider knows masked, in the provider's root logger and in
// the subsystem, at every level.
func withLogMasking(ctx context.Context, secret *regexp.Regexp) context.Context {
	ctx = tflog.NewSubsystem(ctx, logSubsystem, tflog.WithAdditionalLocationOffset(1),
		tflog.WithLevelFromEnv("TF_LOG_PROVIDER_EIGHTXEIGHT", logSubsystem))
	ctx = tflog.MaskFieldValuesWithFieldKeys(ctx, secretFieldKeys...)
	ctx = tflog.SubsystemMaskFieldValuesWithFieldKeys(ctx, logSubsystem, secretFieldKeys...)
	ctx = tflog.MaskAllFieldValuesRegexes(ctx, secretPatterns...)
	ctx = tflog.MaskMessageRegexes(ctx, secretPatterns...)
	ctx = tflog.SubsystemMaskAllFieldValuesRegexes(ctx, logSubsystem, secretPatterns...)
	ctx = tflog.SubsystemMaskMessageRegexes(ctx, logSubsystem, secretPatterns...)
	if secret != nil {
		// The key as it is and in every form a server may echo it in.
		ctx = tflog.MaskAllFieldValuesRegexes(ctx, secret)
		ctx = tflog.MaskMessageRegexes(ctx, secret)
		ctx = tflog.SubsystemMaskAllFieldValuesRegexes(ctx, logSubsystem, secret)
		ctx = tflog.SubsystemMaskMessageRegexes(ctx, logSubsystem, secret)
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
