//go:build unix

package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
)

// A device as ca_cert_file is refused at once, not read forever (unix
// only: the path is).
func TestFaults_caBundleDevice(t *testing.T) {
	_, url := startEmulator(t)
	unitTest(t, nil, resource.TestStep{
		Config:      providerConfig(url, `ca_cert_file = "/dev/zero"`) + webhooksConfig(emulator.DefaultAccountID),
		ExpectError: errorRe("Invalid ca_cert_file", `unusable CA bundle: "/dev/zero" is a device, not a regular file`),
	})
}
