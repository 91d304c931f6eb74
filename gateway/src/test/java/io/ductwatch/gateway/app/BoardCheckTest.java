package io.ductwatch.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.ductwatch.config.SiteConfig;
import io.ductwatch.config.SiteLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The board check on a folder standing in for a board's root, against the example site. */
class BoardCheckTest {

    @TempDir
    Path root;
    private SiteConfig site;

    @BeforeEach
    void load() throws Exception {
        site = SiteLoader.load(Path.of(System.getProperty("basedir", "."))
                .resolve("../firmware-config/sites/example-duct.yaml").normalize());
    }

    private void board(String... present) throws Exception {
        for (String path : present) {
            Path p = root.resolve(path);
            Files.createDirectories(p.getParent());
            if (path.endsWith("/")) {
                Files.createDirectories(p);
            } else {
                Files.createFile(p);
            }
        }
    }

    @Test
    void a_board_with_i2c_one_wire_and_gpio_has_nothing_missing() throws Exception {
        board("dev/i2c-1", "dev/gpiochip0", "sys/bus/w1/devices/");

        assertThat(new BoardCheck(root).problems(site)).isEmpty();
    }

    @Test
    void a_laptop_is_told_each_missing_piece_and_where_the_guide_enables_it() throws Exception {
        assertThat(new BoardCheck(root).problems(site)).containsExactly(
                "I2C bus 1 is not enabled (/dev/i2c-1 is missing): see docs/install.md section 2 (the package's"
                        + " examples/config.txt, or raspi-config > Interface Options > I2C)",
                "1-Wire is not enabled (/sys/bus/w1/devices is missing): see docs/install.md section 2"
                        + " (dtoverlay=w1-gpio,gpiopin=4)",
                "no GPIO chip (/dev/gpiochip0 is missing): this is not a Raspberry Pi, or its kernel lacks the GPIO"
                        + " character device; see docs/install.md section 1");
    }

    @Test
    void a_device_the_user_may_not_open_names_the_group() throws Exception {
        board("dev/i2c-1", "dev/gpiochip0", "sys/bus/w1/devices/");
        Files.setPosixFilePermissions(root.resolve("dev/gpiochip0"), PosixFilePermissions.fromString("---------"));
        boolean root = System.getProperty("user.name").equals("root"); // root opens anything

        assertThat(new BoardCheck(this.root).problems(site)).satisfiesAnyOf(
                problems -> assertThat(root).isTrue(),
                problems -> assertThat(problems).singleElement().asString()
                        .startsWith("cannot open /dev/gpiochip0: run as the service user")
                        .contains("gpio group").contains("section 3"));
    }
}
