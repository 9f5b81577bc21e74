// Command terraform-provider-eightxeight serves the eightxeight provider to
// Terraform and OpenTofu over plugin protocol 6.
package main

import (
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/fastpath"
	"github.com/eightxeight/terraform-provider-eightxeight/internal/provider"
)

// Address is the provider's registry address.
const Address = "registry.terraform.io/eightxeight/eightxeight"

// version is set at release time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()

	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	// The framework serves the provider; fastpath answers the data sources'
	// reads faster (see its package doc for why, and for the way back to
	// providerserver.NewProtocol6).
	err := tf6server.Serve(Address, func() tfprotov6.ProviderServer { return fastpath.NewServer(provider.New(version, nil)) }, opts...)
	if err != nil {
		log.Fatal(err.Error())
	}
}
